// Category `api`: what the Kubernetes API server rejects (pkg/apis/networking/validation/validation.go and the validators it calls).
import removedApiVersion from './removed-api-version';

export default [removedApiVersion];
