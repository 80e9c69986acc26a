declare module 'virtual:mention-triggers' {
  /** The registry's names, tickers and quote currencies (scripts/mention-triggers-plugin.ts). */
  const parts: import('./word-classes').MasterParts;
  export default parts;
}
