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

bool ReadsAsOtherType(std::string_view value) {
  std::string lower;
  for (char c : value) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  for (const char* word : {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"}) {
    if (lower == word) return true;
  }
  double number;
  return absl::SimpleAtod(std::string(value), &number);
}

std::string Base64(std::string_view data) { return absl::Base64Escape(std::string(data)); }

// Wipes text that held a private key once it goes out of scope.
struct WipeOnExit {
  std::string& text;
  ~WipeOnExit() { OPENSSL_cleanse(text.data(), text.size()); }
};

}  // namespace

std::string YamlScalar(std::string_view value) {
  bool plain = !value.empty() && (std::isalnum(static_cast<unsigned char>(value.front())) ||
                                  value.front() == '/' || value.front() == '.');
  for (char c : value) {
    plain = plain && (std::isalnum(static_cast<unsigned char>(c)) || std::strchr("-_./:@+=", c) != nullptr);
  }
  if (plain && value.back() != ':' && !ReadsAsOtherType(value)) return std::string(value);
  std::string quoted = "\"";
  for (char c : value) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      quoted += '\\';
      quoted += c;
    } else if (u < 0x20 || u == 0x7f) {
      char escape[8];
      std::snprintf(escape, sizeof(escape), "\\x%02x", u);
      quoted += escape;
    } else {
      quoted += c;
    }
  }
  return quoted + "\"";
}

std::string RenderKubeconfig(const KubeconfigContent& c) {
  std::string user;
  if (!c.cert_pem.empty()) {
    StrAppend(&user, "    client-certificate-data: ", Base64(c.cert_pem), "\n",
              "    client-key-data: ", Base64(c.key_pem), "\n");
  }
  if (!c.token.empty()) StrAppend(&user, "    token: ", YamlScalar(c.token), "\n");
  return StrCat("apiVersion: v1\n",
                "clusters:\n",
                "- cluster:\n",
                "    certificate-authority-data: ", Base64(c.ca_pem), "\n",
                "    server: ", YamlScalar(c.server), "\n",
                "  name: ", YamlScalar(c.cluster_name), "\n",
                "contexts:\n",
                "- context:\n",
                "    cluster: ", YamlScalar(c.cluster_name), "\n",
                "    user: ", YamlScalar(c.user_name), "\n",
                "  name: ", YamlScalar(c.context_name), "\n",
                "current-context: ", YamlScalar(c.context_name), "\n",
                "kind: Config\n",
                "preferences: {}\n",
                "users:\n",
                "- name: ", YamlScalar(c.user_name), "\n",
                user.empty() ? "  user: {}\n" : StrCat("  user:\n", user));
}

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
