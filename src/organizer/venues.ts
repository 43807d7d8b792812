/** TODO(issue 17): VenueTools. */
import type { RequestScope } from '../request-scope.js';
import type { OrganizerServices } from './facade.js';

export class VenueTools {
  constructor(
    private readonly services: OrganizerServices,
    private readonly scope: RequestScope,
  ) {}
}
