/** Who caused a change: a signed-in person, an app with a token, or Padu itself (CLI, jobs). */
export interface Actor {
  type: 'user' | 'app' | 'system';
  id: string | null;
  name: string | null;
  requestId: string | null;
}

export const systemActor = (name: string): Actor => ({ type: 'system', id: null, name, requestId: null });
