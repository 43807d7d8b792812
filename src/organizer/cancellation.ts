/** TODO(issue 17): CancellationTools. */
import type { RequestScope } from '../request-scope.js';
import type { OrganizerServices } from './facade.js';

export class CancellationTools {
  constructor(
    private readonly services: OrganizerServices,
    private readonly scope: RequestScope,
  ) {}
}
