// A configuration problem found at start: the process prints it and exits 2.
export class ConfigError extends Error {
  override name = 'ConfigError';
}
