export { SiteRepository } from '../data/site-repository';
