import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { createShopApp, listenOn } from './app.factory.js';
import { ConfigError, loadConfig } from './config/config.js';
import { GracefulShutdown } from './health/graceful-shutdown.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const app = await createShopApp(config);
  app.get(GracefulShutdown).closeOnSignals(app);
  await listenOn(app, config, config.port);
  const { port } = app.getHttpServer().address() as AddressInfo;
  new Logger('Shop').log({ event: 'shop_open', host: config.host ?? 'every interface', port });
}

await main();
