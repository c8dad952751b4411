#include "kube-pki/app/flags.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "common/pki/subject_alt_names.h"
#include "common/util/strings.h"
#include "kube-pki/app/service_cidr.h"

namespace kube::pki::app {
namespace {

absl::Status Required(const std::string& value, const char* flag) {
  if (value.empty()) return absl::InvalidArgumentError(StrCat("--", flag, " is required"));
  return absl::OkStatus();
}

absl::Status CheckSans(const std::vector<std::string>& sans, const char* flag) {
  std::vector<std::string> dns, ips;
  if (absl::Status status = SplitSubjectAltNames(sans, dns, ips); !status.ok()) {
    return absl::InvalidArgumentError(StrCat("--", flag, ": ", status.message()));
  }
  return absl::OkStatus();
}

// A file name in DIR, not a path, and not one init owns for itself.
bool IsCertificateName(const std::string& name) {
  if (name.empty() || name.front() == '.' || name == "ca" || name == "sa") return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

}  // namespace

std::string TopLevelUsage() {
  return "kube-pki creates and renews a cluster's certificates, keys and kubeconfigs, in\n"
         "kubeadm's layout: the cluster CA, the API server's serving and kubelet-client\n"
         "certificates, the admin's client certificate, the service-account key pair, and\n"
         "certificates for components and nodes. Every run is idempotent: a file is written\n"
         "only when it is missing, within 90 days of expiry, no longer says what is asked,\n"
         "or was signed by a CA since replaced. Every file is mode 0600.\n"
         "\n"
         "Usage:\n"
         "  kube-pki init --dir DIR [--apiserver-san NAME_OR_IP ...] [flags]\n"
         "  kube-pki issue --dir DIR --name NAME --cn CN [--org O ...] [--client] [--server]\n"
         "                 [--san NAME_OR_IP ...] [--days N]\n"
         "  kube-pki kubeconfig --dir DIR --server URL [--cert NAME | --token T] [--out FILE]\n"
         "  kube-pki ca-hash --dir DIR\n"
         "  kube-pki discover --server URL --token T --discovery-token-ca-cert-hash sha256:H\n"
         "                    --out FILE [--kubeconfig-server URL]\n"
         "  kube-pki request --kubeconfig FILE --cn CN [--org O ...] --out FILE\n"
         "                   [--signer NAME] [--kubeconfig-server URL] [--wait SECONDS]\n"
         "\n"
         "Each prints one line per file: \"created\", \"kept\" or \"renewed\", and its path.\n"
         "Run 'kube-pki COMMAND --help' for a command's flags.\n";
}

const char kInitDescription[] =
    "kube-pki init keeps or writes, in --dir: ca.crt/ca.key (the cluster CA, 10 years),\n"
    "apiserver.crt/.key (serving: the kubernetes.default.svc names, localhost, 127.0.0.1,\n"
    "the first address of the service CIDR, and --apiserver-san), apiserver-kubelet-client\n"
    "and admin (client certificates in group system:masters), and sa.key/sa.pub (the\n"
    "service-account signing key pair, RSA 2048).";

const char kIssueDescription[] =
    "kube-pki issue keeps or writes NAME.crt/NAME.key in --dir, signed by its ca.crt and\n"
    "ca.key: a certificate for a component or a node, e.g.\n"
    "  kube-pki issue --dir DIR --name kubelet-node1 --cn system:node:node1 \\\n"
    "    --org system:nodes --client --server --san node1 --san 172.30.0.11";

const char kKubeconfigDescription[] =
    "kube-pki kubeconfig writes a kubeconfig (mode 0600) for --server that embeds --dir's\n"
    "ca.crt and, as its user, NAME.crt/NAME.key (--cert NAME) and/or a bearer --token.\n"
    "--server may be https://HOST:PORT (REST) or grpcs://HOST:PORT (the components' gRPC).";

const char kCaHashDescription[] =
    "kube-pki ca-hash prints the pin of --dir's ca.crt, sha256:<hex> of its public key:\n"
    "what a joining node checks (kube-pki discover --discovery-token-ca-cert-hash, as\n"
    "kubeadm join's).";

const char kDiscoverDescription[] =
    "kube-pki discover, on a machine joining a cluster: reads ConfigMap\n"
    "kube-public/cluster-info from --server without trusting it yet, accepts its CA only\n"
    "when the CA's public key hash is --discovery-token-ca-cert-hash, and writes --out\n"
    "(mode 0600): a kubeconfig that trusts that CA and authenticates with the bootstrap\n"
    "--token, for the kubelet's --bootstrap-kubeconfig. A different hash writes nothing\n"
    "and exits 1.";

const char kRequestDescription[] =
    "kube-pki request, on a machine that joined a cluster: a client certificate for a\n"
    "component (kube-proxy) from the cluster's signer. It makes a key, asks with\n"
    "--kubeconfig's credentials (the bootstrap kubeconfig) through a\n"
    "CertificateSigningRequest, waits until an administrator approves it and the\n"
    "controller-manager signs it, and writes --out (mode 0600): a kubeconfig with the\n"
    "same CA and server and the new certificate. A current one is kept.";

void AddRequestFlags(flags::FlagSet& flags, RequestOptions& o) {
  flags.String("kubeconfig", &o.kubeconfig, "The credentials to ask with.");
  flags.String("cn", &o.common_name, "The certificate's CommonName: the user.");
  flags.StringList("org", &o.organizations, "Its Organizations: the groups (repeatable).");
  flags.String("signer", &o.signer, "The signer asked.");
  flags.String("out", &o.out, "Where to write the kubeconfig.");
  flags.String("kubeconfig-server", &o.kubeconfig_server,
               "The server URL --out names; default --kubeconfig's.");
  flags.Int("wait", &o.wait_seconds, "How long to wait for approval and signing, in seconds.");
}

absl::Status ValidateRequestOptions(const RequestOptions& o) {
  for (auto [value, flag] : {std::pair{&o.kubeconfig, "kubeconfig"}, {&o.common_name, "cn"},
                             {&o.out, "out"}, {&o.signer, "signer"}}) {
    if (absl::Status status = Required(*value, flag); !status.ok()) return status;
  }
  if (o.wait_seconds <= 0) return absl::InvalidArgumentError("--wait must be positive");
  return absl::OkStatus();
}

void AddDiscoverFlags(flags::FlagSet& flags, DiscoverOptions& o) {
  flags.String("server", &o.server, "The API server, https://HOST:PORT.");
  flags.String("token", &o.token, "The bootstrap token, <6 characters>.<16 characters>.");
  flags.String("discovery-token-ca-cert-hash", &o.ca_cert_hash,
               "sha256:<hex> of the cluster CA's public key (kube-pki ca-hash on a server).");
  flags.String("out", &o.out, "Where to write the bootstrap kubeconfig.");
  flags.String("kubeconfig-server", &o.kubeconfig_server,
               "The server URL the kubeconfig names (a grpc:// one for the components); "
               "default --server.");
  flags.String("ca-out", &o.ca_out,
               "Also write the checked CA certificate here (mode 0644), for the kubelet's "
               "--client-ca-file.");
}

absl::Status ValidateDiscoverOptions(const DiscoverOptions& o) {
  for (auto [value, flag] : {std::pair{&o.server, "server"}, {&o.token, "token"},
                             {&o.ca_cert_hash, "discovery-token-ca-cert-hash"}, {&o.out, "out"}}) {
    if (absl::Status status = Required(*value, flag); !status.ok()) return status;
  }
  if (!o.ca_cert_hash.starts_with("sha256:") || o.ca_cert_hash.size() != 7 + 64) {
    return absl::InvalidArgumentError(
        "--discovery-token-ca-cert-hash must be sha256:<64 hex digits>");
  }
  if (!o.server.starts_with("https://")) {
    return absl::InvalidArgumentError("--server must be an https:// URL");
  }
  return absl::OkStatus();
}

void AddInitFlags(flags::FlagSet& flags, InitOptions& o) {
  flags.String("dir", &o.dir, "Directory of the cluster's PKI (created, mode 0700).");
  flags.String("service-cidr", &o.service_cidr,
               "The Service IP range(s); the first address of each is an API server SAN.");
  flags.String("cluster-domain", &o.cluster_domain, "The cluster's DNS domain.");
  flags.StringList("apiserver-san", &o.apiserver_sans,
                   "Extra DNS names or IPs of the API server (repeatable, comma-separated).");
}

void AddIssueFlags(flags::FlagSet& flags, IssueOptions& o) {
  flags.String("dir", &o.dir, "Directory holding ca.crt and ca.key.");
  flags.String("name", &o.name, "File name: writes NAME.crt and NAME.key.");
  flags.String("cn", &o.common_name, "Common name: the Kubernetes user.");
  flags.StringList("org", &o.organizations,
                   "Organization: a Kubernetes group (repeatable, comma-separated).");
  flags.Bool("client", &o.client, "For client authentication (extended key usage clientAuth).");
  flags.Bool("server", &o.server, "For serving (extended key usage serverAuth).");
  flags.StringList("san", &o.sans, "A DNS name or IP the certificate is for (repeatable, comma-separated).");
  flags.Int("days", &o.days, "Validity in days.");
}

void AddKubeconfigFlags(flags::FlagSet& flags, KubeconfigOptions& o) {
  flags.String("dir", &o.dir, "Directory holding ca.crt (and NAME.crt/NAME.key).");
  flags.String("server", &o.server, "The API server's URL, e.g. https://127.0.0.1:6443.");
  flags.String("cert", &o.cert, "The user's certificate: NAME of NAME.crt/NAME.key; empty for none.");
  flags.String("token", &o.token, "A bearer token for the user.");
  flags.String("out", &o.out, "Where to write (default DIR/NAME.kubeconfig).");
  flags.String("context", &o.context, "The context's name (default USER@kubernetes).");
}

absl::Status ValidateInitOptions(const InitOptions& o) {
  if (absl::Status status = Required(o.dir, "dir"); !status.ok()) return status;
  if (absl::StatusOr<std::vector<std::string>> ips = FirstServiceAddresses(o.service_cidr); !ips.ok()) {
    return absl::InvalidArgumentError(StrCat("--service-cidr: ", ips.status().message()));
  }
  if (!IsDnsName(o.cluster_domain) || o.cluster_domain.find('*') != std::string::npos) {
    return absl::InvalidArgumentError(StrCat("--cluster-domain: invalid domain \"", o.cluster_domain, "\""));
  }
  return CheckSans(o.apiserver_sans, "apiserver-san");
}

absl::Status ValidateIssueOptions(const IssueOptions& o) {
  for (auto [value, flag] : {std::pair{&o.dir, "dir"}, std::pair{&o.name, "name"},
                             std::pair{&o.common_name, "cn"}}) {
    if (absl::Status status = Required(*value, flag); !status.ok()) return status;
  }
  if (!IsCertificateName(o.name)) {
    return absl::InvalidArgumentError(
        StrCat("--name: \"", o.name, "\" must be a plain file name (letters, digits, '-', '_', '.'), not ca or sa"));
  }
  if (!o.client && !o.server) return absl::InvalidArgumentError("one of --client and --server is required");
  if (o.days <= 0) return absl::InvalidArgumentError("--days must be positive");
  return CheckSans(o.sans, "san");
}

absl::Status ValidateKubeconfigOptions(const KubeconfigOptions& o) {
  if (absl::Status status = Required(o.dir, "dir"); !status.ok()) return status;
  if (absl::Status status = Required(o.server, "server"); !status.ok()) return status;
  if (!o.cert.empty() && !IsCertificateName(o.cert)) {
    return absl::InvalidArgumentError(StrCat("--cert: \"", o.cert, "\" must be a plain file name"));
  }
  if (o.cert.empty() && o.out.empty()) {
    return absl::InvalidArgumentError("--out is required when --cert is empty");
  }
  return absl::OkStatus();
}

std::vector<std::string> RepeatableFlags() { return {"apiserver-san", "org", "san"}; }

std::vector<std::string> MergeRepeatedFlags(const std::vector<std::string>& args,
                                            const std::vector<std::string>& repeatable) {
  std::vector<std::string> out;
  std::map<std::string, std::vector<std::string>> values;
  std::map<std::string, size_t> slot;  // where each merged flag goes in `out`
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--") {
      out.insert(out.end(), args.begin() + static_cast<std::ptrdiff_t>(i), args.end());
      break;
    }
    size_t dashes = arg.rfind("--", 0) == 0 ? 2 : arg.rfind('-', 0) == 0 ? 1 : 0;
    std::string body = arg.substr(dashes);
    size_t equals = body.find('=');
    std::string name = body.substr(0, equals);
    bool repeats = dashes > 0 && std::find(repeatable.begin(), repeatable.end(), name) != repeatable.end();
    if (!repeats || (equals == std::string::npos && i + 1 == args.size())) {
      out.push_back(arg);  // not ours, or missing its value: FlagSet says so
      continue;
    }
    std::string value = equals == std::string::npos ? args[++i] : body.substr(equals + 1);
    if (!slot.count(name)) {
      slot[name] = out.size();
      out.emplace_back();
    }
    if (!value.empty()) values[name].push_back(value);
  }
  for (const auto& [name, index] : slot) out[index] = StrCat("--", name, "=", StrJoin(values[name], ","));
  return out;
}

}  // namespace kube::pki::app
