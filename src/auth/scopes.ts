export const SCOPES = ['quotes', 'shipments', 'tracking:write', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];
