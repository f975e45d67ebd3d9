export const DOMAIN = 'domain';
