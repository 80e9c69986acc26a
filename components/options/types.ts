import type { Settings } from '@/utils/settings';

/** A change to save: the new values, or a function of the settings as stored when the change is saved (for lists). */
export type SettingsChange = Partial<Settings> | ((stored: Settings) => Partial<Settings>);

/** What every section of the options page gets: the current settings and a way to save a change at once. */
export interface SectionProps {
  settings: Settings;
  save: (change: SettingsChange) => void;
}
