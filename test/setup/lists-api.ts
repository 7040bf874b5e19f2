import { http, HttpResponse } from 'msw';
import { z } from 'zod';
import { mswServer } from '../msw.ts';

// HubSpot's Lists API v3 as far as setup uses it (the sandbox has none): find a list by name,
// create a dynamic company list, refusing bodies HubSpot would refuse.
const createListSchema = z.object({
  name: z.string().min(1),
  objectTypeId: z.literal('0-2'),
  processingType: z.literal('DYNAMIC'),
  filterBranch: z.object({
    filterBranchType: z.literal('OR'),
    filterBranches: z.array(
      z.object({
        filterBranchType: z.literal('AND'),
        filters: z.array(z.object({ filterType: z.literal('PROPERTY'), property: z.string(), operation: z.object({ operationType: z.string(), operator: z.string() }) })).min(1),
      }),
    ),
  }),
});

export function fakeListsApi() {
  const lists = new Map<string, z.infer<typeof createListSchema> & { listId: string }>();
  const view = (list: { listId: string; name: string }) => ({ ...list, objectTypeId: '0-2', processingType: 'DYNAMIC', processingStatus: 'COMPLETE', listVersion: 1 });
  mswServer.use(
    http.get(/^https:\/\/api\.hubapi\.com\/crm\/v3\/lists\/object-type-id\/0-2\/name\/([^/?]+)/, ({ request }) => {
      const encoded = /\/name\/([^/?]+)/.exec(new URL(request.url).pathname)?.[1] ?? '';
      const list = lists.get(decodeURIComponent(encoded));
      return list
        ? HttpResponse.json({ list: view(list) })
        : HttpResponse.json({ status: 'error', message: 'List not found', category: 'OBJECT_NOT_FOUND' }, { status: 404 });
    }),
    http.post(/^https:\/\/api\.hubapi\.com\/crm\/v3\/lists\/?$/, async ({ request }) => {
      const body = createListSchema.safeParse(await request.json());
      if (!body.success) return HttpResponse.json({ status: 'error', message: body.error.message, category: 'VALIDATION_ERROR' }, { status: 400 });
      if (lists.has(body.data.name)) return HttpResponse.json({ status: 'error', message: 'A list with this name exists', category: 'CONFLICT' }, { status: 409 });
      const list = { ...body.data, listId: String(100 + lists.size) };
      lists.set(list.name, list);
      return HttpResponse.json({ list: view(list) });
    }),
  );
  return lists;
}
