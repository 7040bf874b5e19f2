// Words the demo portfolio is made of: company and people names, job titles, ticket
// subjects and survey comments that read like a real B2B SaaS customer base.

export const COMPANY_PREFIXES = [
  'Acme', 'Northwind', 'Bluebird', 'Granite', 'Harbor', 'Juniper', 'Keystone', 'Lighthouse', 'Maple', 'Nimbus',
  'Orchid', 'Pioneer', 'Quarry', 'Redwood', 'Summit', 'Tidewater', 'Upland', 'Vantage', 'Willow', 'Zenith',
  'Aurora', 'Beacon', 'Cobalt', 'Delta', 'Evergreen', 'Falcon', 'Glacier', 'Horizon', 'Ironwood', 'Jade',
  'Kestrel', 'Lumen', 'Meridian', 'Northstar', 'Oakridge', 'Prairie', 'Riverbend', 'Sierra', 'Trident', 'Vertex',
] as const;

export const COMPANY_SUFFIXES = [
  'Analytics', 'Logistics', 'Health', 'Labs', 'Foods', 'Energy', 'Systems', 'Retail', 'Capital', 'Robotics',
  'Media', 'Dental', 'Freight', 'Insurance', 'Software', 'Builders', 'Pharma', 'Studios', 'Telecom', 'Outfitters',
  'Bank', 'Hotels', 'Motors', 'Learning', 'Consulting',
] as const;

export const FIRST_NAMES = [
  'Ada', 'Ben', 'Chloe', 'Diego', 'Elena', 'Farid', 'Grace', 'Hiro', 'Ines', 'Jonas', 'Kavya', 'Liam', 'Maya', 'Noah',
  'Olga', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tara', 'Umar', 'Vera', 'Wei', 'Ximena', 'Yusuf', 'Zoe', 'Anna', 'Bartek',
  'Chen', 'Dara', 'Emil', 'Fatima', 'Gustavo', 'Hana', 'Ivan', 'Julia', 'Kenji', 'Lucia', 'Marek', 'Nadia',
] as const;

export const LAST_NAMES = [
  'Nowak', 'Smith', 'Tanaka', 'Garcia', 'Kowalski', 'Okafor', 'Rossi', 'Schmidt', 'Dubois', 'Silva', 'Kim', 'Patel',
  'Andersen', 'Novak', 'Haddad', 'Lindqvist', 'Moreau', 'Ivanova', 'Chaiyaporn', 'Wiśniewski', 'Oduya', 'Fischer',
  'Costa', 'Nakamura', 'Brennan', 'Sato', 'Jansen', 'Horvat', 'Mensah', 'Quinn',
] as const;

export const JOB_TITLES = [
  'CEO', 'COO', 'VP Operations', 'Head of Customer Success', 'IT Manager', 'Product Manager', 'Finance Director',
  'Operations Analyst', 'Marketing Lead', 'Procurement Manager', 'Team Lead', 'Solutions Architect',
] as const;

export const TICKET_SUBJECTS = [
  'Cannot export report to CSV', 'SSO login fails for new users', 'Invoice shows wrong seat count', 'Dashboard loads slowly',
  'API returns 500 on sync', 'Request: bulk user import', 'Email notifications not delivered', 'Data missing after import',
  'How do I set up permissions?', 'Mobile app crashes on launch', 'Billing address change', 'Integration token expired',
] as const;

/** NPS comments by response group (HubSpot's hs_response_group values). */
export const NPS_COMMENTS = {
  PROMOTER: ['Great product, our team uses it every day.', 'Support is fast and friendly.', 'Saved us hours every week.', 'The new dashboards are excellent.', 'Onboarding was smooth.'],
  PASSIVE: ['Good overall, reporting could be better.', 'Works fine, a bit pricey.', 'Solid, but we miss a few integrations.'],
  DETRACTOR: ['Too many bugs since the last release.', 'Support takes days to answer.', 'We barely use it; hard to learn.', 'Price went up and value did not.', 'Exports keep failing and nobody follows up.'],
} as const;

export const OWNERS = [
  { firstName: 'Alicia', lastName: 'Brandt' }, { firstName: 'Marcus', lastName: 'Webb' }, { firstName: 'Sofia', lastName: 'Lindgren' },
  { firstName: 'Tomasz', lastName: 'Zieliński' }, { firstName: 'Naree', lastName: 'Srisuk' }, { firstName: 'Daniel', lastName: 'Osei' },
  { firstName: 'Mei', lastName: 'Lin' }, { firstName: 'Rafael', lastName: 'Moreno' },
] as const;
