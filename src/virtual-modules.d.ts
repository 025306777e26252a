/** The bundled scenario files as text by file name, from the plugin in vite.config.ts. */
declare module 'virtual:firedrill-scenarios' {
  const files: Record<string, string>;
  export default files;
}
