// The words of the onboarding tasks CS accepting a handoff creates for the CSM: the user who
// accepted reads them first, so they are in that user's language (the card sends its locale;
// English without one). The domain builds the tasks (which lines, escaped how); the shell gives
// the words from the message catalog (src/usecases/onboarding-wording.ts). All are plain text: the task builder escapes them.

export interface OnboardingWording {
  /** The kickoff task's subject: with the company's name, or without one. */
  kickoffSubject(company: string | null): string;
  readonly kickoffBody: string;
  /** The go-live check's subject. */
  goLiveSubject(company: string | null): string;
  /** The go-live check's first line, with the planned go-live day (YYYY-MM-DD) when there is one. */
  goLiveBody(company: string | null, plannedGoLive: string | null): string;
  /** A handoff field's label before its value, e.g. 'Customer goals:'. */
  fieldLabel(key: 'goals' | 'successCriteria'): string;
  /** The line before the product's marker. */
  readonly createdBy: string;
}
