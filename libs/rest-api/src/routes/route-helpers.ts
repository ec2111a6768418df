export { notFound } from '@sirocco/workflow';
export { parseFilterParam } from '@sirocco/projections';
