/**
 * The per-request CSP nonce for Remix's own script tags (decision 015). Given
 * by entry.server.tsx through this context – never in loader data, which the
 * browser could read back. In the browser it is "": browsers hide a nonce
 * attribute's value from the page once the element is parsed, so hydration
 * compares "" with "".
 */
import { createContext, useContext } from "react";

export const NonceContext = createContext("");

export const useNonce = () => useContext(NonceContext);
