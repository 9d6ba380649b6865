import 'reflect-metadata';
import { createShopApp } from './app.factory.js';
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
  await app.listen(config.port);
  console.log(`Anarkali is open on http://localhost:${config.port}`);
}

await main();
