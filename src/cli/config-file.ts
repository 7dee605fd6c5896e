import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE } from '../config/options.js';
import { ConfigError } from '../errors.js';

/** The parsed codegraph.config.json of a repository, or undefined when there is none. */
export async function readConfigJson(root: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path.join(root, CONFIG_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ConfigError(`${CONFIG_FILE} is not valid JSON: ${(error as Error).message}`);
  }
}
