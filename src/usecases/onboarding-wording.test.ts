import { describe, expect, it } from 'vitest';
import { defaultConfig } from '../config/schema.ts';
import { handoffEffects } from '../domain/handoff/handoff-timeline.ts';
import { testNotes } from '../domain/testing/wording.ts';
import { onboardingWording } from './onboarding-wording.ts';

// The onboarding tasks CS accepting a handoff creates, in the accepting user's language.

const tasks = (locale: string | undefined, companyName: string | null = 'Acme', goLiveDate = '2027-01-15') =>
  handoffEffects(
    'accept',
    'submitted',
    { company: { hubspot_owner_id: '7' }, companyName, contacts: [], config: defaultConfig.handoff, today: '2026-12-07', notes: testNotes, onboarding: onboardingWording(locale) },
    3,
    { cs_handoff_goals: 'Go <live>', cs_handoff_success_criteria: '50 users', cs_handoff_go_live_date: goLiveDate },
  ).tasks.map((task) => [task.subject, task.body]);

describe('onboardingWording', () => {
  it('worked example', () => {
    expect(onboardingWording('pl-PL').goLiveSubject('Acme')).toBe('Sprawdzenie uruchomienia: Acme');
    expect(onboardingWording('en').goLiveBody(null, '2027-01-15')).toBe('Check that the customer is live and activated as planned (planned go-live Jan 15, 2027).');
  });

  it('en (and no locale, and an unknown one): the en catalog\'s English', () => {
    expect(onboardingWording('en-US').goLiveBody('Acme', '2027-01-15')).toBe(onboardingWording(undefined).goLiveBody('Acme', '2027-01-15'));
    // A locale without a catalog reads the English words, its dates as that user's card shows them.
    expect(onboardingWording('pt-BR').goLiveSubject('Acme')).toBe('Go-live check with Acme');
    expect(tasks(undefined)).toEqual([
      [
        'Onboarding kickoff with Acme',
        '<p>Hold the onboarding kickoff: confirm goals, success criteria and the go-live plan with the champion.</p><p><strong>Customer goals:</strong> Go &#60;live&#62;</p><p><strong>Success criteria:</strong> 50 users</p><p>Created when CS accepted the sales handoff. [cs-card:handoff-kickoff]</p>',
      ],
      [
        'Go-live check with Acme',
        '<p>Check that Acme is live and activated as planned (planned go-live Jan 15, 2027).</p><p><strong>Success criteria:</strong> 50 users</p><p>Created when CS accepted the sales handoff. [cs-card:handoff-go-live-check]</p>',
      ],
    ]);
    expect(tasks(undefined, null, '').map(([subject]) => subject)).toEqual(['Onboarding kickoff with the customer', 'Go-live check with the customer']);
  });

  it('zh-CN', () => {
    expect(tasks('zh-CN')).toEqual([
      [
        '与 Acme 召开客户导入启动会',
        '<p>召开客户导入启动会：与内部支持者确认目标、成功标准和上线计划。</p><p><strong>客户目标：</strong>Go &#60;live&#62;</p><p><strong>成功标准：</strong>50 users</p><p>客户成功团队接收销售交接时创建。[cs-card:handoff-kickoff]</p>',
      ],
      [
        'Acme 上线检查',
        '<p>确认 Acme 已按计划上线并开始使用（计划上线日期：2027年1月15日）。</p><p><strong>成功标准：</strong>50 users</p><p>客户成功团队接收销售交接时创建。[cs-card:handoff-go-live-check]</p>',
      ],
    ]);
    expect(tasks('zh-CN', null, '').map(([subject]) => subject)).toEqual(['与客户召开客户导入启动会', '客户上线检查']);
  });

  it('ja', () => {
    expect(tasks('ja-JP')).toEqual([
      [
        'Acme とのオンボーディングのキックオフ',
        '<p>オンボーディングのキックオフを実施してください。社内推進者と目標、成功基準、本番稼働の計画を確認します。</p><p><strong>顧客の目標：</strong>Go &#60;live&#62;</p><p><strong>成功基準：</strong>50 users</p><p>カスタマーサクセスが営業からの引き継ぎを受理した際に作成されました。[cs-card:handoff-kickoff]</p>',
      ],
      [
        'Acme の本番稼働確認',
        '<p>Acme が計画どおり本番稼働し、利用を開始しているか確認してください（本番稼働予定日：2027/01/15）。</p><p><strong>成功基準：</strong>50 users</p><p>カスタマーサクセスが営業からの引き継ぎを受理した際に作成されました。[cs-card:handoff-go-live-check]</p>',
      ],
    ]);
    expect(tasks('ja', null, '').map(([subject]) => subject)).toEqual(['顧客とのオンボーディングのキックオフ', '顧客の本番稼働確認']);
    expect(tasks('ja', null, '')[1]?.[1]).toContain('<p>顧客が計画どおり本番稼働し、利用を開始しているか確認してください。</p>');
  });

  it('pl', () => {
    expect(tasks('pl')).toEqual([
      [
        'Spotkanie otwierające wdrożenie: Acme',
        '<p>Przeprowadź spotkanie otwierające wdrożenie: potwierdź z championem cele, kryteria sukcesu i plan uruchomienia.</p><p><strong>Cele klienta:</strong> Go &#60;live&#62;</p><p><strong>Kryteria sukcesu:</strong> 50 users</p><p>Utworzone, gdy zespół customer success przyjął przekazanie klienta od sprzedaży. [cs-card:handoff-kickoff]</p>',
      ],
      [
        'Sprawdzenie uruchomienia: Acme',
        '<p>Sprawdź, czy uruchomienie u klienta Acme nastąpiło zgodnie z planem (planowana data uruchomienia: 15 sty 2027) i czy klient aktywnie korzysta z produktu.</p><p><strong>Kryteria sukcesu:</strong> 50 users</p><p>Utworzone, gdy zespół customer success przyjął przekazanie klienta od sprzedaży. [cs-card:handoff-go-live-check]</p>',
      ],
    ]);
    expect(tasks('pl', null, '').map(([subject]) => subject)).toEqual(['Spotkanie otwierające wdrożenie klienta', 'Sprawdzenie uruchomienia u klienta']);
  });

  it('th', () => {
    expect(tasks('th-TH')).toEqual([
      [
        'ประชุมคิกออฟการเริ่มต้นใช้งานกับ Acme',
        '<p>จัดประชุมคิกออฟการเริ่มต้นใช้งาน: ยืนยันเป้าหมาย เกณฑ์ความสำเร็จ และแผนการเริ่มใช้งานจริงกับผู้ผลักดันภายใน</p><p><strong>เป้าหมายของลูกค้า:</strong> Go &#60;live&#62;</p><p><strong>เกณฑ์ความสำเร็จ:</strong> 50 users</p><p>สร้างเมื่อทีม Customer Success รับการส่งต่อลูกค้าจากฝ่ายขาย [cs-card:handoff-kickoff]</p>',
      ],
      [
        'ตรวจสอบการเริ่มใช้งานจริงของ Acme',
        '<p>ตรวจสอบว่า Acme เริ่มใช้งานจริงและใช้งานได้ตามแผนแล้ว (วันที่วางแผนเริ่มใช้งานจริง 15 ม.ค. 2027)</p><p><strong>เกณฑ์ความสำเร็จ:</strong> 50 users</p><p>สร้างเมื่อทีม Customer Success รับการส่งต่อลูกค้าจากฝ่ายขาย [cs-card:handoff-go-live-check]</p>',
      ],
    ]);
    expect(tasks('th', null, '').map(([subject]) => subject)).toEqual(['ประชุมคิกออฟการเริ่มต้นใช้งานกับลูกค้า', 'ตรวจสอบการเริ่มใช้งานจริงของลูกค้า']);
  });

  it('escapes a company name and defuses its markers in every language', () => {
    const [[subject, body] = []] = tasks('ja', '<b>[cs-card:x]</b>').slice(1);
    expect(subject).toBe('<b>[\u2060cs-card:x]</b> の本番稼働確認');
    expect(body).toContain('&#60;b&#62;[\u2060cs-card:x]&#60;/b&#62; が計画どおり');
  });
});
