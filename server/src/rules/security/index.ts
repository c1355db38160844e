// Category `security`: policies the API server accepts that open more than intended.
import broadEgress from './broad-egress';
import egressReachesMetadataEndpoint from './egress-reaches-metadata-endpoint';
import namespaceWithoutDefaultDeny from './namespace-without-default-deny';

export default [egressReachesMetadataEndpoint, broadEgress, namespaceWithoutDefaultDeny];
