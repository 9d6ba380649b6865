import 'reflect-metadata';
import { createShopApp, listenOn } from './app.factory.js';
import { ConfigError, loadConfig } from './config/config.js';

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
  await listenOn(app, config, config.port);
  console.log(`Anarkali is open on ${config.host ?? 'every interface'}, port ${config.port}`);
}

await main();
