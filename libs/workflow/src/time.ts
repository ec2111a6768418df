// Mistral prints timestamps as `2026-11-23 06:51:02` (UTC, 1-second resolution).
export const toMistralTime = (iso: string): string => iso.slice(0, 19).replace('T', ' ');
