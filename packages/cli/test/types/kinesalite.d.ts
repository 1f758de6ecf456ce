// kinesalite 3.3.3 ships no typings; the subset the tests use.
declare module 'kinesalite' {
  import type { Server } from 'node:http';
  export default function kinesalite(options?: { createStreamMs?: number; ssl?: boolean }): Server;
}
