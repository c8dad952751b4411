#include "kube-pki/app/kubeconfig.h"

#include <sys/stat.h>

#include <cctype>
#include <cstdio>
#include <cerrno>
#include <cstring>

#include <openssl/crypto.h>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "common/pki/pki_files.h"
#include "common/tls/pem.h"
#include "common/util/strings.h"

namespace kube::pki::app {
namespace {

// Wipes text that held a private key once it goes out of scope.
struct WipeOnExit {
  std::string& text;
  ~WipeOnExit() { OPENSSL_cleanse(text.data(), text.size()); }
};

}  // namespace


absl::StatusOr<FileReport> RunKubeconfig(const KubeconfigOptions& options) {
  KubeconfigContent content;
  content.server = options.server;
  content.token = options.token;
  content.user_name = !options.cert.empty() ? options.cert : !options.token.empty() ? "token" : "anonymous";
  content.context_name = options.context.empty() ? StrCat(content.user_name, "@", content.cluster_name)
                                                 : options.context;
  absl::StatusOr<std::string> ca = tls::ReadFileToString(StrCat(options.dir, "/ca.crt"));
  if (!ca.ok()) return ca.status();
  if (absl::StatusOr<std::vector<tls::X509Ptr>> parsed = tls::ParseCertificates(*ca); !parsed.ok()) {
    return absl::InvalidArgumentError(StrCat(options.dir, "/ca.crt: ", parsed.status().message()));
  }
  content.ca_pem = *ca;
  if (!options.cert.empty()) {
    std::string base = StrCat(options.dir, "/", options.cert);
    absl::StatusOr<std::string> cert = tls::ReadFileToString(base + ".crt");
    if (!cert.ok()) return cert.status();
    absl::StatusOr<std::string> key = tls::ReadFileToString(base + ".key");
    if (!key.ok()) return key.status();
    content.cert_pem = *cert;
    content.key_pem = *key;
    OPENSSL_cleanse(key->data(), key->size());
  }
  WipeOnExit wipe_key{content.key_pem};
  std::string rendered = RenderKubeconfig(content);
  WipeOnExit wipe_rendered{rendered};

  std::string out = options.out.empty() ? StrCat(options.dir, "/", options.cert, ".kubeconfig") : options.out;
  absl::StatusOr<std::string> existing = tls::ReadFileToString(out);
  std::string existing_text = existing.ok() ? std::move(*existing) : "";
  WipeOnExit wipe_existing{existing_text};
  FileReport report{out, existing.ok() ? FileOutcome::kRenewed : FileOutcome::kCreated};
  if (existing.ok() && existing_text == rendered) {
    report.outcome = FileOutcome::kKept;
    if (chmod(out.c_str(), 0600) != 0) {
      return absl::InternalError(StrCat("chmod ", out, ": ", std::strerror(errno)));
    }
  } else if (absl::Status status = WriteFileAtomically(out, rendered, 0600); !status.ok()) {
    return status;
  }
  return report;
}

}  // namespace kube::pki::app
