// The default deal and ticket pipelines of a HubSpot portal. Stage metadata drives the
// calculated properties HubSpot keeps on writes (hs_is_closed, hs_is_closed_won, probability).
import type { SandboxObjectType } from './object-types.ts';

export interface PipelineStage {
  readonly id: string;
  readonly label: string;
  readonly displayOrder: number;
  readonly metadata: Readonly<Record<string, string>>;
}

export interface Pipeline {
  readonly id: string;
  readonly label: string;
  readonly displayOrder: number;
  readonly stages: readonly PipelineStage[];
}

const dealStage = (id: string, label: string, probability: number, displayOrder: number): PipelineStage => ({
  id, label, displayOrder, metadata: { isClosed: String(probability === 0 || probability === 1), probability: String(probability) },
});

const ticketStage = (id: string, label: string, state: 'OPEN' | 'CLOSED', displayOrder: number): PipelineStage => ({
  id, label, displayOrder, metadata: { ticketState: state, isClosed: String(state === 'CLOSED') },
});

const PIPELINES: Partial<Record<SandboxObjectType, readonly Pipeline[]>> = {
  deals: [{
    id: 'default', label: 'Sales Pipeline', displayOrder: 0,
    stages: [
      dealStage('appointmentscheduled', 'Appointment Scheduled', 0.2, 0),
      dealStage('qualifiedtobuy', 'Qualified To Buy', 0.4, 1),
      dealStage('presentationscheduled', 'Presentation Scheduled', 0.6, 2),
      dealStage('decisionmakerboughtin', 'Decision Maker Bought-In', 0.8, 3),
      dealStage('contractsent', 'Contract Sent', 0.9, 4),
      dealStage('closedwon', 'Closed Won', 1, 5),
      dealStage('closedlost', 'Closed Lost', 0, 6),
    ],
  }],
  tickets: [{
    id: '0', label: 'Support Pipeline', displayOrder: 0,
    stages: [
      ticketStage('1', 'New', 'OPEN', 0),
      ticketStage('2', 'Waiting on contact', 'OPEN', 1),
      ticketStage('3', 'Waiting on us', 'OPEN', 2),
      ticketStage('4', 'Closed', 'CLOSED', 3),
    ],
  }],
};

export function pipelinesOf(type: SandboxObjectType): readonly Pipeline[] | undefined {
  return PIPELINES[type];
}

export function dealStageOf(stageId: string): PipelineStage | undefined {
  return PIPELINES.deals?.flatMap((pipeline) => pipeline.stages).find((stage) => stage.id === stageId);
}

export function ticketStageOf(stageId: string): PipelineStage | undefined {
  return PIPELINES.tickets?.flatMap((pipeline) => pipeline.stages).find((stage) => stage.id === stageId);
}
