import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';

/** Which item a list page edits, kept in the address (`?edit=<id>` or `?edit=new`) so it survives a reload. */
export function useEditSelection() {
  const route = useRoute();
  const router = useRouter();
  const editing = computed(() => (typeof route.query.edit === 'string' ? route.query.edit : null));
  return {
    editing,
    isNew: computed(() => editing.value === 'new'),
    open: (id: string) => router.push({ query: { ...route.query, edit: id } }),
    close: () => {
      const { edit: _edit, ...rest } = route.query;
      return router.push({ query: rest });
    },
  };
}
