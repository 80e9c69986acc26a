import { useCallback, useEffect, useState } from 'preact/hooks';

export type ListState<T> = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; items: T };

/** Loads a list from the background, with reload for Retry and after clearing. */
export function useHistoryList<T>(fetch: () => Promise<T>) {
  const [state, setState] = useState<ListState<T>>({ kind: 'loading' });
  const reload = useCallback(() => {
    setState({ kind: 'loading' });
    fetch().then(
      (items) => setState({ kind: 'ready', items }),
      (error: unknown) => setState({ kind: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  }, [fetch]);
  useEffect(reload, [reload]);
  return { state, reload };
}
