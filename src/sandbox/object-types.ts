// The CRM object types the sandbox portal holds, and the names HubSpot accepts for each in
// a URL: the plural name, the singular name, or the object type id (e.g. 0-2).

export const SANDBOX_OBJECT_TYPES = ['companies', 'contacts', 'deals', 'tickets', 'feedback_submissions', 'tasks', 'notes'] as const;
export type SandboxObjectType = (typeof SANDBOX_OBJECT_TYPES)[number];

interface ObjectTypeInfo {
  readonly singular: string;
  readonly objectTypeId: string;
  /** First id handed out; each type has its own range so ids in logs say what they are. */
  readonly firstId: number;
  /** Feedback submissions are written by surveys, never through the API. */
  readonly readOnly: boolean;
  /** Returned when a request names no properties. */
  readonly defaultProperties: readonly string[];
  /** Where the creation time lives: `createdate` on the classic objects, `hs_createdate` on activities and survey answers. */
  readonly createdProperty: 'createdate' | 'hs_createdate';
  /** Where the last-modified timestamp lives (contacts keep the legacy name too). */
  readonly lastModifiedProperties: readonly string[];
  readonly readScope: string;
  readonly writeScope: string;
}

const SYSTEM = ['createdate', 'hs_lastmodifieddate', 'hs_object_id'];
/** Activities (tasks, notes) and survey answers name their creation time hs_createdate, as HubSpot does. */
const ACTIVITY_SYSTEM = ['hs_createdate', 'hs_lastmodifieddate', 'hs_object_id'];

export const OBJECT_TYPES: Readonly<Record<SandboxObjectType, ObjectTypeInfo>> = {
  companies: {
    singular: 'company', objectTypeId: '0-2', firstId: 1_000_000_001, readOnly: false,
    createdProperty: 'createdate', defaultProperties: ['name', 'domain', ...SYSTEM], lastModifiedProperties: ['hs_lastmodifieddate'],
    readScope: 'crm.objects.companies.read', writeScope: 'crm.objects.companies.write',
  },
  contacts: {
    singular: 'contact', objectTypeId: '0-1', firstId: 2_000_000_001, readOnly: false,
    createdProperty: 'createdate', defaultProperties: ['firstname', 'lastname', 'email', 'lastmodifieddate', ...SYSTEM], lastModifiedProperties: ['hs_lastmodifieddate', 'lastmodifieddate'],
    readScope: 'crm.objects.contacts.read', writeScope: 'crm.objects.contacts.write',
  },
  deals: {
    singular: 'deal', objectTypeId: '0-3', firstId: 3_000_000_001, readOnly: false,
    createdProperty: 'createdate', defaultProperties: ['dealname', 'amount', 'closedate', 'dealstage', 'pipeline', ...SYSTEM], lastModifiedProperties: ['hs_lastmodifieddate'],
    readScope: 'crm.objects.deals.read', writeScope: 'crm.objects.deals.write',
  },
  tickets: {
    singular: 'ticket', objectTypeId: '0-5', firstId: 4_000_000_001, readOnly: false,
    createdProperty: 'createdate', defaultProperties: ['subject', 'content', 'hs_pipeline', 'hs_pipeline_stage', 'hs_ticket_priority', ...SYSTEM], lastModifiedProperties: ['hs_lastmodifieddate'],
    readScope: 'tickets', writeScope: 'tickets',
  },
  feedback_submissions: {
    singular: 'feedback_submission', objectTypeId: '0-19', firstId: 5_000_000_001, readOnly: true,
    createdProperty: 'hs_createdate', defaultProperties: ACTIVITY_SYSTEM, lastModifiedProperties: ['hs_lastmodifieddate'],
    readScope: 'crm.objects.feedback_submissions.read', writeScope: 'crm.objects.feedback_submissions.read',
  },
  // Tasks and notes are engagements: HubSpot guards them with the contacts scopes.
  tasks: {
    singular: 'task', objectTypeId: '0-27', firstId: 6_000_000_001, readOnly: false,
    createdProperty: 'hs_createdate', defaultProperties: ['hs_timestamp', ...ACTIVITY_SYSTEM], lastModifiedProperties: ['hs_lastmodifieddate'],
    readScope: 'crm.objects.contacts.read', writeScope: 'crm.objects.contacts.write',
  },
  notes: {
    singular: 'note', objectTypeId: '0-46', firstId: 7_000_000_001, readOnly: false,
    createdProperty: 'hs_createdate', defaultProperties: ['hs_timestamp', ...ACTIVITY_SYSTEM], lastModifiedProperties: ['hs_lastmodifieddate'],
    readScope: 'crm.objects.contacts.read', writeScope: 'crm.objects.contacts.write',
  },
};

const aliases = new Map<string, SandboxObjectType>();
for (const type of SANDBOX_OBJECT_TYPES) {
  const info = OBJECT_TYPES[type];
  for (const name of [type, info.singular, info.objectTypeId]) aliases.set(name, type);
}

/** The object type a URL segment names, or undefined when the sandbox does not hold it. */
export function objectTypeOf(segment: string): SandboxObjectType | undefined {
  return aliases.get(decodeURIComponent(segment).toLowerCase());
}
