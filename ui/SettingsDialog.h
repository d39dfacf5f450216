#pragma once
// Settings > Preferences (issue 8): model folders (the embedded model first and fixed; the selected row is the
// model renders use), device, precision, threads, language, theme and the autosave interval. OK/Apply store the
// values (StudioSettings::save) and emit applied(); the main window switches language and theme live.
#include <QDialog>

#include "ui/StudioSettings.h"

class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QLabel;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace shotcraft::ui {

class SettingsDialog : public QDialog {
  Q_OBJECT
 public:
  explicit SettingsDialog(QWidget* parent = nullptr);

  void setValues(const StudioSettings& settings);
  StudioSettings values() const;  // what the widgets show now

  // Adds a model folder to the list and selects it; false for "" or one already listed.
  bool addModelFolder(const QString& folder);
  bool removeSelectedModelFolder();  // never the embedded model
  void apply();                      // saves and emits applied()

  QListWidget* modelList() const { return m_models; }
  QComboBox* deviceBox() const { return m_device; }
  QComboBox* precisionBox() const { return m_precision; }
  QSpinBox* threadsBox() const { return m_threads; }
  QComboBox* languageBox() const { return m_language; }
  QComboBox* themeBox() const { return m_theme; }
  QSpinBox* autosaveBox() const { return m_autosave; }

 signals:
  void applied(const shotcraft::ui::StudioSettings& settings);

 protected:
  void changeEvent(QEvent* event) override;

 private:
  void retranslate();
  void browseModelFolder();
  void updateButtons();

  QListWidget* m_models;
  QPushButton* m_addModel;
  QPushButton* m_removeModel;
  QComboBox* m_device;
  QComboBox* m_precision;
  QSpinBox* m_threads;
  QComboBox* m_language;
  QComboBox* m_theme;
  QSpinBox* m_autosave;
  QFormLayout* m_form;
  QLabel* m_modelsLabel;
  QDialogButtonBox* m_buttons;
};

}  // namespace shotcraft::ui
