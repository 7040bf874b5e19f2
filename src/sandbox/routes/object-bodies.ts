// Request bodies of the CRM object endpoints, as the SDK serialises them.
import { z } from 'zod';

/** HubSpot coerces JSON numbers and booleans to strings; null clears a value. */
export const propertyValuesSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]).transform((value) => (value === null ? null : String(value))),
);

const associationSpecSchema = z.object({
  associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']),
  associationTypeId: z.coerce.number().int(),
});

export const associationsForCreateSchema = z.array(z.object({
  to: z.object({ id: z.coerce.string() }),
  types: z.array(associationSpecSchema).min(1),
}));

export const createBodySchema = z.object({
  properties: propertyValuesSchema,
  associations: associationsForCreateSchema.optional(),
});

export const updateBodySchema = z.object({ properties: propertyValuesSchema });

const propertyList = z.array(z.string()).optional();

export const batchReadBodySchema = z.object({
  inputs: z.array(z.object({ id: z.coerce.string() })),
  properties: propertyList,
  propertiesWithHistory: propertyList,
  idProperty: z.string().optional(),
});

export const batchUpdateBodySchema = z.object({
  inputs: z.array(z.object({ id: z.coerce.string(), properties: propertyValuesSchema, idProperty: z.string().optional() })),
});

export const batchCreateBodySchema = z.object({ inputs: z.array(createBodySchema) });
