#include "controller-manager/app/controller_manager_app.h"

#include <unistd.h>

#include "common/client/client.h"
#include "common/client/event_sink.h"
#include "common/client/grpc_transport.h"
#include "common/health/secure_health_server.h"
#include "common/log/log.h"
#include "common/util/strings.h"
#include "common/util/uuid.h"
#include "controller-manager/app/controller_names.h"
#include "controller-manager/app/controller_registry.h"
#include "controller-manager/app/service_account_token_source.h"
#include "controller-manager/app/metrics.h"

namespace kube::kcm::app {
namespace {

std::string Hostname() {
  char name[256] = {};
  if (gethostname(name, sizeof(name) - 1) != 0) return "localhost";
  return name;
}

}  // namespace

ControllerManagerApp::ControllerManagerApp(Options options, client::ClientConfig config,
                                           std::shared_ptr<client::Transport> transport)
    : options_(std::move(options)), config_(std::move(config)), transport_(std::move(transport)) {}

absl::StatusOr<std::unique_ptr<ControllerManagerApp>> ControllerManagerApp::Create(
    Options options, client::ClientConfig config, std::shared_ptr<client::Transport> transport) {
  std::unique_ptr<ControllerManagerApp> app(
      new ControllerManagerApp(std::move(options), std::move(config), std::move(transport)));
  if (absl::Status status = app->Init(); !status.ok()) return status;
  return app;
}

absl::Status ControllerManagerApp::Init() {
  const std::string host = Hostname();
  recorder_ = std::make_unique<events::EventRecorder>(
      client::NewEventSink(transport_), events::EventSource{"controllermanager", host});
  informers_ = std::make_unique<client::InformerFactory>(transport_);

  if (options_.leader_election.leader_elect) {
    client::LeaderElectionConfig config = options_.leader_election.ToConfig();
    config.identity = StrCat(host, "_", util::NewUuid());
    config.release_on_cancel = true;
    config.callbacks.on_started_leading = [this] { StartLeading(); };
    config.callbacks.on_stopped_leading = [this] { StopLeading(); };
    config.callbacks.on_new_leader = [identity = config.identity](const std::string& leader) {
      if (leader != identity) KLOG(Info) << "new leader elected: " << leader;
    };
    absl::StatusOr<std::unique_ptr<client::LeaderElector>> elector =
        client::LeaderElector::Create(*transport_, std::move(config));
    if (!elector.ok()) return elector.status();
    elector_ = std::move(*elector);
  }
  if (options_.serving.secure_port != 0) {
    // TokenReviews and SubjectAccessReviews go through the manager's own client.
    absl::StatusOr<std::unique_ptr<health::HealthServer>> server = health::NewSecureHealthServer(
        health::HealthChecks{[] { return true; }, [this] { return Metrics(); }}, options_.serving,
        transport_);
    if (!server.ok()) return server.status();
    health_ = std::move(*server);
  }
  return absl::OkStatus();
}

ControllerManagerApp::~ControllerManagerApp() {
  Shutdown();
  StopLeading();
  if (health_ != nullptr) health_->Stop();
}

std::string ControllerManagerApp::Metrics() {
  MetricsSnapshot snapshot;
  snapshot.leading = leading_.load();
  snapshot.events_dropped = recorder_->dropped();
  absl::MutexLock lock(&mu_);
  for (Running& running : running_) {
    snapshot.running_controllers.push_back(running.name);
    for (auto& queue : running.controller->QueueMetrics()) snapshot.queues.push_back(std::move(queue));
  }
  return RenderMetrics(snapshot);
}

absl::StatusOr<std::shared_ptr<client::Transport>> ControllerManagerApp::LoopTransport(
    const std::string& account) {
  if (!options_.use_service_account_credentials || account.empty()) return transport_;
  // Only the account's token: no certificate (it would authenticate first), no
  // other credential.
  client::ClientConfig config = config_;
  config.client_certificate_pem.clear();
  config.client_key_pem.clear();
  config.token.clear();
  config.username.clear();
  config.password.clear();
  config.token_source = std::make_shared<ServiceAccountTokenSource>(transport_, account);
  absl::StatusOr<std::unique_ptr<client::Transport>> transport = client::NewTransport(config);
  if (!transport.ok()) return transport.status();
  return std::shared_ptr<client::Transport>(*std::move(transport));
}

void ControllerManagerApp::StartLeading() {
  KLOG(Info) << "started leading: starting controllers";
  leading_ = true;
  const ControllerSelection selection(options_.controllers);
  absl::MutexLock lock(&mu_);
  for (const ControllerEntry& entry : ControllerRegistry()) {
    if (!selection.Enabled(entry.name, entry.disabled_by_default)) {
      KLOG(Info) << "\"" << entry.name << "\" is disabled";
      continue;
    }
    absl::StatusOr<std::shared_ptr<client::Transport>> transport =
        LoopTransport(entry.service_account);
    if (!transport.ok()) {
      KLOG(Error) << "error starting \"" << entry.name << "\": " << transport.status();
      continue;
    }
    auto context = std::unique_ptr<ControllerContext>(new ControllerContext{
        client::Client(*std::move(transport)), *informers_, *recorder_, options_.settings});
    absl::StatusOr<std::unique_ptr<ControllerInterface>> controller = entry.create(*context);
    if (!controller.ok()) {
      KLOG(Error) << "error starting \"" << entry.name << "\": " << controller.status();
      continue;
    }
    if (*controller == nullptr) {
      KLOG(Info) << "\"" << entry.name << "\" has nothing to do with these flags; skipping";
      continue;
    }
    running_.push_back(
        Running{entry.name, std::move(context), std::move(*controller), std::thread()});
  }
  // Handlers are all registered: one list per resource feeds every loop.
  informers_->Start();
  for (Running& running : running_) {
    ControllerInterface* controller = running.controller.get();
    std::string name = running.name;
    running.thread = std::thread([controller, name] {
      absl::Status status = controller->Run();
      if (!status.ok()) KLOG(Error) << "controller " << name << " stopped: " << status;
    });
    KLOG(Info) << "Started \"" << name << "\"";
  }
}

void ControllerManagerApp::StopLeading() {
  if (!leading_.exchange(false)) return;
  std::vector<Running> stopping;
  {
    absl::MutexLock lock(&mu_);
    stopping.swap(running_);
  }
  for (Running& running : stopping) running.controller->Stop();
  for (Running& running : stopping) {
    if (running.thread.joinable()) running.thread.join();
  }
  // No handler may run once the controllers they point at are gone.
  informers_->Stop();
  stopping.clear();
  if (!shutdown_.HasBeenNotified()) {
    KLOG(Error) << "leaderelection lost";
    lost_lease_ = true;
  }
}

absl::Status ControllerManagerApp::Run(const std::function<void()>& on_ready) {
  if (health_ != nullptr) {
    absl::Status status =
        health_->Start(options_.serving.bind_address, options_.serving.secure_port);
    if (!status.ok()) return status;
  }
  if (on_ready) on_ready();
  if (elector_ != nullptr) {
    elector_->Run();  // returns once this replica stops leading, or on Shutdown()
    StopLeading();
  } else {
    StartLeading();
    shutdown_.WaitForNotification();
    StopLeading();
  }
  recorder_->Flush(absl::Seconds(5));
  if (lost_lease_) return absl::AbortedError("leaderelection lost");
  return absl::OkStatus();
}

void ControllerManagerApp::Shutdown() {
  if (!shutdown_.HasBeenNotified()) shutdown_.Notify();
  if (elector_ != nullptr) elector_->Stop();
}

}  // namespace kube::kcm::app
