// What the Express server passes to every loader and action (server/app.ts).
declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
  }
}

export {};
