import { listRoles } from '../../api/users';
import { useResource } from '../../hooks/useResource';

/** The roles the server offers (GET /api/v1/roles). */
export function useRoleCatalogue() {
  return useResource((signal) => listRoles(signal), []);
}
