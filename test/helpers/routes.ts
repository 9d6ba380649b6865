import type { TestShop } from './test-shop.js';

export interface Route {
  method: string;
  path: string;
}

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/**
 * Every route the shop's router knows, read from Express itself so a new route cannot be forgotten by a
 * test. Nest mounts module middleware (the logger's) on a catch-all route of every method: not a page.
 */
export function routesOf(shop: TestShop): Route[] {
  const express = shop.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } };
  return express.router.stack.flatMap((layer) =>
    layer.route && layer.route.path !== '{/*splat}'
      ? Object.keys(layer.route.methods).map((method) => ({ method: method.toUpperCase(), path: layer.route!.path }))
      : [],
  );
}

/** A concrete URL for a route pattern: parameters become harmless sample values. */
export function sampleUrl(path: string): string {
  return path.replace(/:(\w+)/g, (_, name: string) => (/id$/i.test(name) ? '1' : 'AK-SAMPLE1'));
}
