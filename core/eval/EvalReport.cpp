#include "core/eval/EvalReport.h"

#include "core/eval/ProbeFeatures.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <cmath>
#include <cstdio>

namespace shotcraft::eval {

namespace {

std::string fmt(const char* format, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, format, v);
  return buf;
}
std::string pct(double v) {
  return fmt("%.1f%%", 100.0 * v);
}
std::string weightText(float w) {
  return fmt("%g", double(w));
}
std::string plural(int n, const char* noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

QJsonValue number(double v) {
  return std::isnan(v) ? QJsonValue() : QJsonValue(v);
}

bool attributeReliable(double accuracy, double chance) {
  return accuracy >= 0.5 && accuracy - chance >= 0.2;
}

bool writeFile(const std::string& path, const QByteArray& bytes, std::string* error) {
  QSaveFile file(QString::fromStdString(path));
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    *error = "cannot write " + path + ": " + file.errorString().toStdString();
    return false;
  }
  return true;
}

QString csvField(const std::string& s) {
  QString q = QString::fromStdString(s);
  q.replace(QLatin1Char('"'), QLatin1String("\"\""));
  return QLatin1Char('"') + q + QLatin1Char('"');
}

}  // namespace

EvalSummary summarize(const EvalResults& results, const ProbeCalibration& calibration) {
  EvalSummary s;
  const auto& o = results.options;
  s.prompts = int(results.samples.size());
  int en = 0, zh = 0;
  for (const SampleResult& r : results.samples) {
    int hits = 0, named = 0;
    for (int a = 0; a < kAttributeCount; ++a) {
      if (!r.named[size_t(a)]) continue;
      const bool hit = r.read[size_t(a)] == r.truth[size_t(a)];
      s.adherence[size_t(a)] += hit;
      ++s.judged[size_t(a)];
      addReading(s.confusion, a, r.truth[size_t(a)], r.read[size_t(a)]);
      hits += hit;
      ++named;
    }
    if (named == 0) continue;
    (r.chinese ? s.adherence_zh : s.adherence_en) += double(hits) / named;
    ++(r.chinese ? zh : en);
  }
  for (int a = 0; a < kAttributeCount; ++a) {
    s.adherence[size_t(a)] /= std::max(1, s.judged[size_t(a)]);
    s.attribute_adherence += s.adherence[size_t(a)] / kAttributeCount;
    s.probe_reliable[size_t(a)] = attributeReliable(calibration.accuracy[size_t(a)], calibration.chance[size_t(a)]);
  }
  s.adherence_en = en ? s.adherence_en / en : 0.0;
  s.adherence_zh = zh ? s.adherence_zh / zh : 0.0;
  s.depth_probe_reliable = calibration.depth_correlation >= calibration.depth_prior_correlation + 0.05;
  s.pose_probe_reliable =
      calibration.pose_figures > 0 && calibration.pose_error <= 0.8 * calibration.pose_baseline_error;

  const int sweeps = std::min(o.control_count, s.prompts);
  int precisionCount = 0;
  for (int k = 0; k < kControlKinds; ++k) {
    ControlSummary& c = s.controls[size_t(k)];
    c.by_weight.assign(o.weights.size(), 0.0);
    std::vector<int> counts(o.weights.size(), 0);
    for (const SampleResult& r : results.samples) {
      for (size_t w = 0; w < o.weights.size() && w < r.control[size_t(k)].size(); ++w) {
        const double v = r.control[size_t(k)][w];
        if (std::isnan(v)) continue;
        c.by_weight[w] += v;
        ++counts[w];
      }
      if (k == 1 && !r.control[1].empty() && !std::isnan(r.control[1].back())) {
        s.edge_precision += r.edge_pr_at_max[0];
        s.edge_recall += r.edge_pr_at_max[1];
        ++precisionCount;
      }
    }
    for (size_t w = 0; w < c.by_weight.size(); ++w) {
      c.by_weight[w] = counts[w] ? c.by_weight[w] / counts[w] : std::nan("");
    }
    c.samples = counts.empty() ? 0 : counts.back();
    if (k == 2) {  // pose: count figures rather than prompts
      c.samples = 0;
      for (const SampleResult& r : results.samples) {
        if (!r.control[2].empty() && !std::isnan(r.control[2].back())) c.samples += r.figures;
      }
    }
    c.measured = c.samples > 0;
    if (!o.controls_available[size_t(k)]) {
      c.reason = std::string("the model has no ") + controlKindName(k) + " ControlNet";
    } else if (sweeps <= 0) {
      c.reason = "no prompts with control sweeps (--control-count 0)";
    } else if (!c.measured) {
      c.reason = k == 2 ? "no figures in the " + std::to_string(sweeps) + " control prompts" : "nothing measured";
    }
  }
  if (precisionCount > 0) {
    s.edge_precision /= precisionCount;
    s.edge_recall /= precisionCount;
  }
  s.depth_residual_by_weight.assign(o.weights.size(), std::nan(""));
  for (size_t w = 0; w < o.weights.size(); ++w) {
    double sum = 0.0;
    int measured = 0;
    for (const SampleResult& r : results.samples) {
      if (w < r.depth_residual.size() && !std::isnan(r.depth_residual[w])) {
        sum += r.depth_residual[w];
        ++measured;
      }
    }
    if (measured > 0) s.depth_residual_by_weight[w] = sum / measured;
  }
  return s;
}

std::vector<std::string> summaryLines(const EvalResults& results, const EvalSummary& s, const ProbeCalibration& c) {
  std::vector<std::string> lines;
  // The probe's reading of real frames through the model's autoencoder, when eval had one.
  const auto autoencoded = [&](const std::string& lead, const std::string& value) {
    return c.round_trip ? lead + value : std::string();
  };
  const auto& weights = results.options.weights;
  std::string unreliable;
  for (int a = 0; a < kAttributeCount; ++a) {
    if (!s.probe_reliable[size_t(a)])
      unreliable += std::string(unreliable.empty() ? "" : ", ") + attributeLabel(kAttributes[size_t(a)]);
  }
  lines.push_back("attribute adherence: " + pct(s.attribute_adherence) + " (" + std::to_string(s.prompts) +
                  " held-out prompts; en " + pct(s.adherence_en) + ", zh " + pct(s.adherence_zh) +
                  (unreliable.empty() ? "" : "; includes unreliable probes: " + unreliable) + ")");
  for (int a = 0; a < kAttributeCount; ++a) {
    lines.push_back(std::string("  ") + attributeLabel(kAttributes[size_t(a)]) + ": " + pct(s.adherence[size_t(a)]) +
                    " (probe reads real held-out frames at " + pct(c.accuracy[size_t(a)]) +
                    autoencoded(", through the model's autoencoder at ", pct(c.round_trip_accuracy[size_t(a)])) +
                    ", chance " + pct(c.chance[size_t(a)]) + (s.probe_reliable[size_t(a)] ? "" : "; probe unreliable") +
                    (s.judged[size_t(a)] < s.prompts
                         ? "; " + std::to_string(s.judged[size_t(a)]) + " of the prompts name it)"
                         : ")"));
  }
  auto sweep = [&](const ControlSummary& cs, const char* format, bool percent) {
    std::string t;
    for (size_t w = 0; w < weights.size(); ++w) {
      const double v = cs.by_weight[w];
      t += (w ? ", " : "weight ") + weightText(weights[w]) + ": " +
           (std::isnan(v) ? std::string("-")
            : percent     ? pct(v)
                          : fmt(format, v));
    }
    return t;
  };
  const std::string top = weightText(weights.back());
  const ControlSummary& edge = s.controls[1];
  if (!edge.measured) {
    lines.push_back("edge F1: not measured (" + edge.reason + ")");
  } else {
    lines.push_back("edge F1: " + fmt("%.3f", edge.by_weight.back()) + " at weight " + top + " (" +
                    sweep(edge, "%.3f", false) + "; precision " + fmt("%.3f", s.edge_precision) + ", recall " +
                    fmt("%.3f", s.edge_recall) + "; " + plural(edge.samples, "prompt") +
                    autoencoded("; real frames through the model's autoencoder: ", fmt("%.3f", c.round_trip_edge_f1)) +
                    ")");
  }
  const ControlSummary& depth = s.controls[0];
  if (!depth.measured) {
    lines.push_back("depth correlation: not measured (" + depth.reason + ")");
  } else {
    lines.push_back(
        "depth correlation: " + fmt("%.3f", depth.by_weight.back()) + " at weight " + top + " (" +
        sweep(depth, "%.3f", false) + "; beyond the row-only prior " + fmt("%.3f", s.depth_residual_by_weight.back()) +
        " at weight " + top + " from " + fmt("%.3f", s.depth_residual_by_weight.front()) + " at weight " +
        weightText(weights.front()) + "; probe on real frames " + fmt("%.3f", c.depth_correlation) + " (" +
        fmt("%.3f", c.depth_residual_correlation) + " beyond the prior)" +
        autoencoded(", through the model's autoencoder ", fmt("%.3f", c.round_trip_depth_correlation)) +
        ", row-only prior " + fmt("%.3f", c.depth_prior_correlation) +
        (s.depth_probe_reliable ? "" : ", probe unreliable") + "; " + plural(depth.samples, "prompt") + ")");
  }
  const ControlSummary& pose = s.controls[2];
  if (!pose.measured) {
    lines.push_back("pose keypoint error: not measured (" + pose.reason + ")");
  } else {
    lines.push_back("pose keypoint error: " + pct(pose.by_weight.back()) + " of figure height at weight " + top + " (" +
                    sweep(pose, "", true) + "; probe on real frames " + pct(c.pose_error) +
                    autoencoded(", through the model's autoencoder ", pct(c.round_trip_pose_error)) +
                    ", pixel-blind baseline " + pct(c.pose_baseline_error) +
                    (s.pose_probe_reliable ? "" : ", probe unreliable") + "; " + plural(pose.samples, "figure") + ")");
  }
  return lines;
}

bool writeMetricsJson(const std::string& path, const EvalResults& results, const EvalSummary& s,
                      const ProbeCalibration& c, std::string* error) {
  const auto& o = results.options;
  QJsonObject root;
  root[QStringLiteral("model")] = QString::fromStdString(results.model_name);
  root[QStringLiteral("prompts")] = s.prompts;
  root[QStringLiteral("control_prompts")] = std::min(o.control_count, s.prompts);
  root[QStringLiteral("steps")] = o.steps;
  root[QStringLiteral("cfg")] = double(o.cfg);
  root[QStringLiteral("guidance_rescale")] = double(o.guidance_rescale);
  root[QStringLiteral("sampler")] = QString::fromStdString(o.sampler);
  root[QStringLiteral("control_mode")] = QString::fromLatin1(engine::controlModeName(o.control_mode));
  root[QStringLiteral("seed")] = QString::number(o.seed);
  root[QStringLiteral("size")] = QJsonArray{kProbeWidth, kProbeHeight};
  QJsonArray weights;
  for (float w : o.weights) weights.append(double(w));
  root[QStringLiteral("weights")] = weights;
  root[QStringLiteral("seconds")] = results.seconds;

  // A figure read through the model's autoencoder: null when eval had none.
  const auto autoencoded = [&](double v) { return c.round_trip ? number(v) : QJsonValue(); };
  root[QStringLiteral("attribute_adherence")] = s.attribute_adherence;
  root[QStringLiteral("attribute_adherence_en")] = s.adherence_en;
  root[QStringLiteral("attribute_adherence_zh")] = s.adherence_zh;
  QJsonObject attrs;
  for (int a = 0; a < kAttributeCount; ++a) {
    const Attribute attribute = kAttributes[size_t(a)];
    const int classes = attributeClassCount(attribute);
    QJsonArray names;
    for (int v = 0; v < classes; ++v) names.append(QString::fromStdString(attributeValueName(attribute, v)));
    // Rows: the truth, in the order of "classes"; columns: what the probe read.
    const auto table = [&](const std::vector<int>& counts) {
      QJsonArray rows;
      for (int t = 0; t < classes; ++t) {
        QJsonArray row;
        for (int r = 0; r < classes; ++r) row.append(counts[size_t(t * classes + r)]);
        rows.append(row);
      }
      return rows;
    };
    attrs[QLatin1String(attributeKey(attribute))] =
        QJsonObject{{QStringLiteral("adherence"), s.adherence[size_t(a)]},
                    {QStringLiteral("prompts_naming_it"), s.judged[size_t(a)]},
                    {QStringLiteral("classes"), names},
                    {QStringLiteral("confusion"), table(s.confusion[size_t(a)])},
                    {QStringLiteral("probe_real_accuracy"), c.accuracy[size_t(a)]},
                    {QStringLiteral("probe_real_confusion"), table(c.confusion[size_t(a)])},
                    {QStringLiteral("probe_autoencoded_accuracy"), autoencoded(c.round_trip_accuracy[size_t(a)])},
                    {QStringLiteral("probe_autoencoded_confusion"),
                     c.round_trip ? QJsonValue(table(c.round_trip_confusion[size_t(a)])) : QJsonValue()},
                    {QStringLiteral("probe_chance"), c.chance[size_t(a)]},
                    {QStringLiteral("probe_reliable"), s.probe_reliable[size_t(a)]}};
  }
  root[QStringLiteral("attributes")] = attrs;

  auto control = [&](int k, const char* extraKey, double extra, const char* extraKey2, double extra2) {
    const ControlSummary& cs = s.controls[size_t(k)];
    QJsonObject obj;
    obj[QStringLiteral("measured")] = cs.measured;
    obj[QStringLiteral("reason")] = QString::fromStdString(cs.reason);
    obj[QStringLiteral("at_max_weight")] = cs.measured ? number(cs.by_weight.back()) : QJsonValue();
    QJsonArray byWeight;
    for (double v : cs.by_weight) byWeight.append(cs.measured ? number(v) : QJsonValue());
    obj[QStringLiteral("by_weight")] = byWeight;
    obj[QLatin1String(k == 2 ? "figures" : "prompts")] = cs.samples;
    if (extraKey) obj[QLatin1String(extraKey)] = number(extra);
    if (extraKey2) obj[QLatin1String(extraKey2)] = number(extra2);
    return obj;
  };
  const bool edges = s.controls[1].measured;
  QJsonObject edgeF1 = control(1, "precision_at_max_weight", edges ? s.edge_precision : std::nan(""),
                               "recall_at_max_weight", edges ? s.edge_recall : std::nan(""));
  edgeF1[QStringLiteral("real_autoencoded")] = autoencoded(c.round_trip_edge_f1);
  root[QStringLiteral("edge_f1")] = edgeF1;
  QJsonObject depth =
      control(0, "probe_real_correlation", c.depth_correlation, "row_prior_correlation", c.depth_prior_correlation);
  depth[QStringLiteral("probe_reliable")] = s.depth_probe_reliable;
  depth[QStringLiteral("probe_autoencoded_correlation")] = autoencoded(c.round_trip_depth_correlation);
  depth[QStringLiteral("probe_real_residual_correlation")] = c.depth_residual_correlation;
  QJsonArray residual;
  for (double v : s.depth_residual_by_weight) residual.append(s.controls[0].measured ? number(v) : QJsonValue());
  depth[QStringLiteral("beyond_row_prior_by_weight")] = residual;
  root[QStringLiteral("depth_correlation")] = depth;
  QJsonObject pose = control(2, "probe_real_error", c.pose_error, "pixel_blind_baseline_error", c.pose_baseline_error);
  pose[QStringLiteral("probe_reliable")] = s.pose_probe_reliable;
  pose[QStringLiteral("probe_autoencoded_error")] = autoencoded(c.round_trip_pose_error);
  pose[QStringLiteral("unit")] = QStringLiteral("mean keypoint distance / figure height");
  root[QStringLiteral("pose_keypoint_error")] = pose;

  root[QStringLiteral("probes")] =
      QJsonObject{{QStringLiteral("attribute_reader"), QString::fromStdString(c.attribute_reader)},
                  {QStringLiteral("fit_frames"), c.fit_frames},
                  {QStringLiteral("calibration_frames"), c.calibration_frames},
                  {QStringLiteral("fitted_on_autoencoded_frames"), c.round_trip},
                  {QStringLiteral("pose_calibration_figures"), c.pose_figures},
                  {QStringLiteral("seconds"), c.seconds}};
  return writeFile(path, QJsonDocument(root).toJson(QJsonDocument::Indented), error);
}

bool writeSamplesCsv(const std::string& path, const EvalResults& results, std::string* error) {
  const auto& weights = results.options.weights;
  QString text = QStringLiteral("index,scene_seed,language,prompt");
  for (Attribute a : kAttributes) {
    text += QStringLiteral(",%1_truth,%1_read,%1_named").arg(QLatin1String(attributeKey(a)));
  }
  const char* metric[kControlKinds] = {"depth_correlation", "edge_f1", "pose_error"};
  for (int k = 0; k < kControlKinds; ++k) {
    for (float w : weights) text += QStringLiteral(",%1_w%2").arg(QLatin1String(metric[k])).arg(double(w));
  }
  for (float w : weights) text += QStringLiteral(",depth_beyond_prior_w%1").arg(double(w));
  text += QStringLiteral(",ms\n");
  for (const SampleResult& r : results.samples) {
    text += QStringLiteral("%1,%2,%3,")
                .arg(r.index)
                .arg(qulonglong(r.scene_seed))
                .arg(QLatin1String(r.chinese ? "zh" : "en"));
    text += csvField(r.prompt);
    for (int a = 0; a < kAttributeCount; ++a) {
      text += QStringLiteral(",%1,%2,%3")
                  .arg(QString::fromStdString(attributeValueName(kAttributes[size_t(a)], r.truth[size_t(a)])),
                       QString::fromStdString(attributeValueName(kAttributes[size_t(a)], r.read[size_t(a)])),
                       QLatin1String(r.named[size_t(a)] ? "1" : "0"));
    }
    for (int k = 0; k < kControlKinds; ++k) {
      for (size_t w = 0; w < weights.size(); ++w) {
        const double v = w < r.control[size_t(k)].size() ? r.control[size_t(k)][w] : std::nan("");
        text += QLatin1Char(',') + (std::isnan(v) ? QString() : QString::number(v, 'g', 6));
      }
    }
    for (size_t w = 0; w < weights.size(); ++w) {
      const double v = w < r.depth_residual.size() ? r.depth_residual[w] : std::nan("");
      text += QLatin1Char(',') + (std::isnan(v) ? QString() : QString::number(v, 'g', 6));
    }
    text += QStringLiteral(",%1\n").arg(r.generate_ms, 0, 'f', 0);
  }
  return writeFile(path, text.toUtf8(), error);
}

}  // namespace shotcraft::eval
