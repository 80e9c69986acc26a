import type { Settings } from '@/utils/settings';

/** What every section of the options page gets: the current settings and a way to save a change at once. */
export interface SectionProps {
  settings: Settings;
  save: (change: Partial<Settings>) => void;
}
