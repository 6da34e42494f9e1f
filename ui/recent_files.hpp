#pragma once
// The "Open recent" list and the last folder, kept in QSettings.
#include <QString>
#include <QStringList>

namespace likeness::ui {

class RecentFiles {
  public:
    static constexpr int kMaxEntries = 10;

    QStringList list() const;
    /// Moves `path` to the front (deduplicated, at most kMaxEntries) and remembers its folder.
    void add(const QString& path);
    void clear();

    /// The folder file dialogs start in: the last one used, else the home folder.
    QString lastFolder() const;
    void setLastFolder(const QString& folder);
};

}  // namespace likeness::ui
