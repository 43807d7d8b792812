import { postgresSearchIndex } from '../../src/search/postgres-index.js';
import { searchContract } from './contract.js';

searchContract('PostgreSQL', (sql) => postgresSearchIndex(sql));
