declare module 'virtual:mention-triggers' {
  /** The registry's trigger words (scripts/mention-triggers-plugin.ts). */
  const words: string[];
  export default words;
}
