#pragma once

// Test-only: real etcd members on loopback, started by the test and killed with it.
// Header-only so it stays out of the backend library.

#include <unistd.h>

#include <csignal>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "apiserver/storage/etcd/etcd_client.h"
#include "apiserver/storage/etcd/etcd_storage.h"
#include "common/util/strings.h"
#include "tests/support/subprocess.h"

namespace kube::storage::etcd::testing {

// The etcd binary the build found (CMake defines KUBE_ETCD_BINARY), if any.
#ifdef KUBE_ETCD_BINARY
inline constexpr char kEtcdBinary[] = KUBE_ETCD_BINARY;
#else
inline constexpr char kEtcdBinary[] = "/usr/bin/etcd";
#endif

inline constexpr char kSkipped[] =
    "SKIPPED: etcd-server is not installed (/usr/bin/etcd missing; "
    "deploy/install-deps.sh installs it): the etcd storage tests did not run";

// util-linux's setpriv, to tie each member's life to the test process.
inline constexpr char kSetpriv[] = "/usr/bin/setpriv";

inline bool EtcdInstalled() { return access(kEtcdBinary, X_OK) == 0; }

// One member process and where it listens.
struct EtcdMember {
  std::string name;
  int client_port = 0;
  int peer_port = 0;
  std::string log_path;
  std::unique_ptr<kube::testing::Subprocess> process;  // null once killed

  std::string client_url() const { return StrCat("http://127.0.0.1:", client_port); }
  std::string peer_url() const { return StrCat("http://127.0.0.1:", peer_port); }
};

// An etcd cluster of `size` members on free loopback ports, data in a temp dir.
// The destructor kills every member (SIGKILL) and removes the data.
class EtcdTestCluster {
 public:
  static absl::StatusOr<std::unique_ptr<EtcdTestCluster>> Start(int size) {
    if (!EtcdInstalled()) return absl::FailedPreconditionError(kSkipped);
    absl::Status last;
    for (int attempt = 0; attempt < 3; ++attempt) {  // a free port may be taken meanwhile
      std::unique_ptr<EtcdTestCluster> cluster(new EtcdTestCluster());
      last = cluster->Launch(size);
      if (last.ok()) return cluster;
    }
    return last;
  }

  ~EtcdTestCluster() {
    for (EtcdMember& member : members_) member.process.reset();
  }

  int size() const { return static_cast<int>(members_.size()); }
  const EtcdMember& member(int index) const { return members_[index]; }

  // Client URLs of every member, in member order, or of those listed.
  std::vector<std::string> endpoints(const std::vector<int>& order = {}) const {
    std::vector<std::string> urls;
    if (order.empty()) {
      for (const EtcdMember& member : members_) urls.push_back(member.client_url());
    } else {
      for (int index : order) urls.push_back(members_[index].client_url());
    }
    return urls;
  }

  // Options for a store on this cluster under `key_prefix`.
  EtcdOptions Options(const std::string& key_prefix) const {
    EtcdOptions options;
    options.endpoints = endpoints();
    options.key_prefix = key_prefix;
    return options;
  }

  // The member index and status of the leader, as the live members report it.
  absl::StatusOr<int> Leader() const {
    uint64_t leader_id = 0;
    std::vector<uint64_t> ids(members_.size(), 0);
    for (size_t i = 0; i < members_.size(); ++i) {
      if (members_[i].process == nullptr) continue;
      absl::StatusOr<etcdserverpb::StatusResponse> status = Status(static_cast<int>(i));
      if (!status.ok()) return status.status();
      ids[i] = status->header().member_id();
      if (status->leader() == 0) return absl::UnavailableError("no leader yet");
      if (leader_id != 0 && status->leader() != leader_id) {
        return absl::UnavailableError("members disagree on the leader");
      }
      leader_id = status->leader();
    }
    for (size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == leader_id) return static_cast<int>(i);
    }
    return absl::UnavailableError("the leader is not a live member");
  }

  // Waits (bounded) until the live members agree on a live leader.
  absl::StatusOr<int> WaitForLeader(absl::Duration timeout = absl::Seconds(30)) const {
    const absl::Time deadline = absl::Now() + timeout;
    absl::StatusOr<int> leader = Leader();
    while (!leader.ok() && absl::Now() < deadline) {
      absl::SleepFor(absl::Milliseconds(100));
      leader = Leader();
    }
    return leader;
  }

  // Maintenance Status of one member, straight from it (no failover).
  absl::StatusOr<etcdserverpb::StatusResponse> Status(int index) const {
    EtcdClientOptions options;
    options.endpoints = {members_[index].client_url()};
    options.request_timeout = absl::Seconds(2);
    options.retry_timeout = absl::Seconds(1);
    absl::StatusOr<std::shared_ptr<EtcdClient>> client = EtcdClient::Connect(options);
    if (!client.ok()) return client.status();
    etcdserverpb::StatusResponse response;
    absl::Status status =
        (*client)->Call("status", [&](const EtcdEndpoint& endpoint, grpc::ClientContext& context) {
          return endpoint.maintenance->Status(&context, etcdserverpb::StatusRequest(), &response);
        });
    if (!status.ok()) return status;
    return response;
  }

  // kill -9 of one member; it stays down.
  void Kill(int index) {
    if (members_[index].process == nullptr) return;
    members_[index].process->Signal(SIGKILL);
    members_[index].process->Wait(absl::Seconds(10));
    members_[index].process.reset();
  }

  std::string Log(int index) const { return kube::testing::ReadFile(members_[index].log_path); }

 private:
  EtcdTestCluster() = default;

  absl::Status Launch(int size) {
    static int clusters = 0;  // unique cluster tokens within this process
    const std::string token = StrCat("kube-test-", getpid(), "-", clusters++);
    std::string initial_cluster;
    for (int i = 0; i < size; ++i) {
      EtcdMember member;
      member.name = StrCat("m", i);
      member.client_port = kube::testing::FreePort();
      member.peer_port = kube::testing::FreePort();
      member.log_path = StrCat(dir_.path(), "/", member.name, ".log");
      StrAppend(&initial_cluster, i == 0 ? "" : ",", member.name, "=", member.peer_url());
      members_.push_back(std::move(member));
    }
    for (EtcdMember& member : members_) {
      std::vector<std::string> argv;
      if (access(kSetpriv, X_OK) == 0) {
        // Dies with the test even when the test is killed before its destructors run
        // (the signal follows the forking thread: start clusters on the test thread).
        argv = {kSetpriv, "--pdeathsig", "KILL", "--"};
      }
      argv.insert(argv.end(), {kEtcdBinary,
                               "--name",
                               member.name,
                               "--data-dir",
                               StrCat(dir_.path(), "/", member.name, ".etcd"),
                               "--listen-client-urls",
                               member.client_url(),
                               "--advertise-client-urls",
                               member.client_url(),
                               "--listen-peer-urls",
                               member.peer_url(),
                               "--initial-advertise-peer-urls",
                               member.peer_url(),
                               "--initial-cluster",
                               initial_cluster,
                               "--initial-cluster-state",
                               "new",
                               "--initial-cluster-token",
                               token,
                               "--logger",
                               "zap",
                               "--log-outputs",
                               "stderr",
                               "--log-level",
                               "warn"});
      member.process = std::make_unique<kube::testing::Subprocess>(argv, member.log_path);
    }
    const absl::Time deadline = absl::Now() + absl::Seconds(30);
    while (true) {
      for (EtcdMember& member : members_) {
        if (!member.process->running()) {  // e.g. a port taken since FreePort
          return absl::InternalError(StrCat("etcd member ", member.name,
                                            " exited: ", kube::testing::ReadFile(member.log_path)));
        }
      }
      absl::StatusOr<int> leader = Leader();
      if (leader.ok() || absl::Now() > deadline) return leader.status();
      absl::SleepFor(absl::Milliseconds(100));
    }
  }

  kube::testing::TempDir dir_;       // data dirs and logs; removed after the members die
  std::vector<EtcdMember> members_;  // members_[i] is named "m<i>"
};

}  // namespace kube::storage::etcd::testing
