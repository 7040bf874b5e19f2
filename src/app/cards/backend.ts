// Where the card's backend lives. HubSpot only lets hubspot.fetch call URLs listed in
// src/app/app-hsmeta.json (config.permittedUrls.fetch): change both together.
export const BACKEND_URL = 'https://cs-card.example.com';
