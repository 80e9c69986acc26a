declare module 'virtual:mention-triggers' {
  /** The registry's part of the page's trigger test (scripts/mention-triggers-plugin.ts). */
  const data: import('./triggers').TriggerData;
  export default data;
}
