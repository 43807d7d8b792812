/** TODO(issue 17): SalesReports. */
import type { RequestScope } from '../request-scope.js';
import type { OrganizerServices } from './facade.js';

export class SalesReports {
  constructor(
    private readonly services: OrganizerServices,
    private readonly scope: RequestScope,
  ) {}
}
