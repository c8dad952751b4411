#include "apiserver/server/api_server_flags.h"

#include "common/health/profiling.h"

namespace kube::apiserver {

void AddApiServerFlags(flags::FlagSet& flags, ApiServerOptions& options) {
  flags.String("data-dir", &options.data_dir, "Directory holding the embedded store.");
  flags.String("bind-address", &options.bind_address,
               "Address to serve HTTPS (and gRPC) on.");
  flags.Int("secure-port", &options.secure_port,
            "Port to serve HTTPS with authentication and authorization on; 0 picks one.");
  flags.Int("grpc-port", &options.grpc_port,
            "Port to serve the gRPC API on, over the same TLS and request chain; 0 disables it.");
  flags.Int("insecure-port", &options.insecure_port,
            "DEVELOPMENT ONLY: port to serve plain HTTP on, where every request is "
            "system:masters; 0 (the default) disables it.");
  flags.String("insecure-bind-address", &options.insecure_bind_address,
               "Address for --insecure-port.");
  flags.String("tls-cert-file", &options.tls_cert_file,
               "Serving certificate (PEM, chain after the leaf). Without it a self-signed one "
               "is made at start.");
  flags.String("tls-private-key-file", &options.tls_private_key_file,
               "The serving certificate's private key.");
  flags.StringList("tls-cipher-suites", &options.tls_cipher_suites,
                   "TLS 1.2 cipher suites (Go names); empty: ECDHE with AES-GCM or ChaCha20.");
  flags.String("tls-min-version", &options.tls_min_version,
               "Minimum TLS version: VersionTLS12 or VersionTLS13.");
  flags.String("client-ca-file", &options.client_ca_file,
               "Client certificates signed by a CA in this file authenticate as their CN "
               "(user) and O (groups).");
  flags.Bool("anonymous-auth", &options.anonymous_auth,
             "Requests without credentials are user system:anonymous in group "
             "system:unauthenticated (authorization decides what they may do).");
  flags.Bool("profiling", &options.profiling, health::kProfilingHelp);
  flags.Bool("enable-bootstrap-token-auth", &options.enable_bootstrap_token_auth,
             "Bootstrap tokens (Secrets of type bootstrap.kubernetes.io/token in "
             "kube-system) authenticate as system:bootstrap:<id>, so nodes can join.");
  flags.String("token-auth-file", &options.token_auth_file,
               "Static bearer tokens, CSV lines token,user,uid,\"group1,group2\".");
  flags.StringList("service-account-key-file", &options.service_account_key_files,
                   "PEM files with the public keys that verify ServiceAccount tokens.");
  flags.String("service-account-signing-key-file", &options.service_account_signing_key_file,
               "PEM private key that signs ServiceAccount tokens.");
  flags.StringList("service-account-issuer", &options.service_account_issuers,
                   "Issuer (iss) of ServiceAccount tokens; the first issues, all are accepted.");
  flags.StringList("api-audiences", &options.api_audiences,
                   "Audiences a token must have one of; default: the issuers.");
  flags.Duration("service-account-max-token-expiration",
                 &options.service_account_max_token_expiration,
                 "Longest lifetime a TokenRequest may get; 0: no limit.");
  flags.Bool("service-account-extend-token-expiration",
             &options.service_account_extend_token_expiration,
             "Pod-bound tokens asked for 3607 s live a year, with a warning after 3607 s.");
  flags.Bool("service-account-lookup", &options.service_account_lookup,
             "Reject ServiceAccount tokens whose account or bound object is gone.");
  flags.StringList("enable-admission-plugins", &options.enable_admission_plugins,
                   "Admission plugins to run besides the default ones (ServiceAccount).");
  flags.StringList("disable-admission-plugins", &options.disable_admission_plugins,
                   "Default admission plugins not to run.");
  flags.String("service-account-jwks-uri", &options.service_account_jwks_uri,
               "The jwks_uri of the OIDC discovery document; default "
               "https://<advertise address>/openid/v1/jwks.");
  flags.String("advertise-address", &options.advertise_address,
               "The address other components and clients reach this apiserver at.");
  flags.StringList("authorization-mode", &options.authorization_modes,
                   "Authorizers in order: Node, RBAC, AlwaysAllow. Members of "
                   "system:masters are always allowed.");
  flags.String("kubelet-client-certificate", &options.kubelet_client_certificate,
               "Client certificate for the kubelets' ports (logs, exec, port-forward).");
  flags.String("kubelet-client-key", &options.kubelet_client_key, "Its private key.");
  flags.String("kubelet-certificate-authority", &options.kubelet_certificate_authority,
               "CA the kubelets' serving certificates must chain to; without it kubelets are "
               "reached over plain HTTP.");
  flags.String("storage-backend", &options.storage_backend,
               "Storage backend: sqlite (embedded, one file in --data-dir) or etcd3.");
  flags.StringList("etcd-servers", &options.etcd_servers,
                   "etcd3: comma-separated client URLs (http://127.0.0.1:2379,...).");
  flags.String("etcd-prefix", &options.etcd_prefix,
               "etcd3: prefix for every key, so several clusters can share one etcd.");
  flags.String("service-cluster-ip-range", &options.service_cluster_ip_range,
               "CIDR from which Service cluster IPs are allocated.");
  flags.String("service-node-port-range", &options.service_node_port_range,
               "Port range reserved for NodePort Services.");
  flags.Duration("etcd-compaction-interval", &options.compaction_interval,
                 "How often storage history is compacted.");
  flags.Duration("min-request-timeout", &options.min_request_timeout,
                 "Watches end after a random time between this and twice this, unless the "
                 "client sets timeoutSeconds.");
  flags.Duration("watch-bookmark-interval", &options.watch_bookmark_interval,
                 "How often watches that allow bookmarks receive one.");
  flags.Bool("watch-cache", &options.watch_cache,
             "Serve watches and lists from an in-memory cache fed by one storage watch.");
}

}  // namespace kube::apiserver
