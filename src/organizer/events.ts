/** TODO(issue 17): EventTools. */
import type { RequestScope } from '../request-scope.js';
import type { OrganizerServices } from './facade.js';

export class EventTools {
  constructor(
    private readonly services: OrganizerServices,
    private readonly scope: RequestScope,
  ) {}
}
