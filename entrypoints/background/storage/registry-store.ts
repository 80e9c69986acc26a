/**
 * The living registry's cache in IndexedDB (`registry` store of db.ts): the
 * last category list fetched, with its date and source. Read back through its
 * schema, so a damaged or older row is ignored rather than trusted.
 */
import { CategoryRegistrySchema, type CategoryRegistry } from '@/utils/model/registry';
import { withDb } from './db';

const ROW = 'ai-categories';

export interface RegistryStore {
  read(): Promise<CategoryRegistry | null>;
  write(registry: CategoryRegistry): Promise<void>;
}

export const idbRegistryStore: RegistryStore = {
  read() {
    return withDb(async (db) => {
      const row = await db.get('registry', ROW);
      if (!row) return null;
      const { name: _, ...rest } = row;
      const parsed = CategoryRegistrySchema.safeParse(rest);
      if (!parsed.success) console.warn('Token Insight: ignored a damaged category list');
      return parsed.success ? parsed.data : null;
    });
  },
  write(registry) {
    return withDb(async (db) => {
      await db.put('registry', { name: ROW, ...registry });
    });
  },
};

/** In memory (unit tests). */
export function memoryRegistryStore(initial: CategoryRegistry | null = null): RegistryStore & { value: CategoryRegistry | null } {
  const store = {
    value: initial,
    async read() {
      return store.value;
    },
    async write(registry: CategoryRegistry) {
      store.value = structuredClone(registry);
    },
  };
  return store;
}
