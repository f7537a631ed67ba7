import type { Messages } from "./sv";
import { sv } from "./sv";

// Placeholder until translated; replaced below.
export const en: Messages = { ...sv };
