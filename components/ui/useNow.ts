import { useEffect, useState } from 'preact/hooks';

/** The current time, re-read every `everyMs` so ages ("2 min ago") stay true while a card or the popup is open. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
