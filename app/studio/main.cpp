// likeness-studio: the GUI. Opens the built-in demo, or the video/image given on the command
// line, and builds the template face in the background; options set up a view for
// documentation screenshots.
#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QPixmap>
#include <QScreen>
#include <QTimer>

#include "engine/core/version.hpp"
#include "ui/blendshape_inspector.hpp"
#include "ui/frame_clock.hpp"
#include "ui/main_window.hpp"
#include "ui/video_panel.hpp"
#include "ui/viewport_panel.hpp"

int main(int argc, char** argv) {
    QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QApplication::setOrganizationName("Likeness");
    QApplication::setApplicationName("Likeness Studio");
    QApplication::setApplicationVersion(QString::fromStdString(likeness::core::version()));

    QCommandLineParser parser;
    parser.setApplicationDescription("Likeness Studio: personalized face rigs from video.");
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument("input", "Video, image, image folder, camera:N or take (.json).",
                                 "[input]");
    QCommandLineOption mesh_option("mesh", "Mesh file to show in the 3D viewport.", "file");
    QCommandLineOption take_option("take", "Take file (.json) to show on the timeline.", "file");
    QCommandLineOption mode_option(
        "mode", "Viewport mode: shape, albedo, reconstruction, lighting, overlay, colourmap.",
        "mode");
    QCommandLineOption panel_option(
        "panel", "Inspector to bring to the front: Blendshape, Attention, Albedo or Lighting.",
        "name");
    QCommandLineOption shape_option("shape", "Blend shape to select in the inspectors.", "index");
    QCommandLineOption map_option("map", "Blend-shape colour map: correction, gradient, attention.",
                                  "map");
    QCommandLineOption frame_option("frame", "Frame to show.", "index");
    QCommandLineOption side_option("side-by-side", "Template beside the personalized model.");
    QCommandLineOption overlays_option("overlays", "Video overlays: wireframe and reconstruction.");
    QCommandLineOption personalize_option(
        "personalize", "Personalize the input once the template is loaded (always on the demo).");
    QCommandLineOption quick_option("quick", "With --personalize: the fast preview schedule.");
    QCommandLineOption screenshot_option(
        "screenshot", "Save a screenshot of the window to <file> after --delay ms, then quit.",
        "file");
    QCommandLineOption delay_option("delay", "Milliseconds before --screenshot.", "ms", "3000");
    for (const QCommandLineOption& o :
         {mesh_option, take_option, mode_option, panel_option, shape_option, map_option,
          frame_option, side_option, overlays_option, personalize_option, quick_option,
          screenshot_option, delay_option})
        parser.addOption(o);
    parser.process(app);

    using likeness::ui::MainWindow;
    MainWindow window;
    window.show();
    window.loadTemplate();
    const QStringList inputs = parser.positionalArguments();
    // Jobs run one at a time: what needs the template (a project, a take, a fit) waits for it.
    if (inputs.isEmpty()) {
        window.openDemo();
    } else if (MainWindow::isProjectFile(inputs.front())) {
        const QString project = inputs.front();
        QObject::connect(&window, &MainWindow::templateLoaded, &window,
                         [&window, project] { window.openProject(project); });
    } else {
        window.openFile(inputs.front());
    }
    if (parser.isSet(take_option)) {
        const QString take = parser.value(take_option);
        QObject::connect(&window, &MainWindow::templateLoaded, &window,
                         [&window, take] { window.openTake(take); });
    } else if (inputs.isEmpty() || parser.isSet(personalize_option)) {
        // First start: the demo photo is reconstructed (single-image personalization, the
        // paper's N = 1 mode), so the studio never opens on an empty face.
        const bool quick = inputs.isEmpty() || parser.isSet(quick_option);
        QObject::connect(&window, &MainWindow::templateLoaded, &window,
                         [&window, quick] { window.personalize(quick); });
    }
    if (parser.isSet(mesh_option)) window.importMesh(parser.value(mesh_option));
    if (parser.isSet(panel_option)) {
        const QString name = parser.value(panel_option) + "Dock";
        if (auto* dock = window.findChild<QDockWidget*>(name)) dock->raise();
    }
    const auto set_up_view = [&] {
        auto* viewport = window.viewport();
        if (parser.isSet(side_option)) viewport->setSideBySide(true);
        if (parser.isSet(shape_option))
            window.blendshapeInspector()->selectShape(parser.value(shape_option).toInt());
        if (parser.isSet(map_option)) {
            using Map = likeness::ui::BlendshapeInspector::Map;
            const QString map = parser.value(map_option);
            window.blendshapeInspector()->setMap(map == "correction" ? Map::Correction
                                                 : map == "gradient" ? Map::GradientDeviation
                                                                     : Map::Attention);
        }
        if (parser.isSet(mode_option))
            viewport->setMode(likeness::ui::viewport_mode_from_key(parser.value(mode_option)));
        if (parser.isSet(overlays_option)) {
            window.videoPanel()->setWireframeEnabled(true);
            window.videoPanel()->setReconstructionEnabled(true);
        }
        if (parser.isSet(frame_option))
            window.clock()->seek(parser.value(frame_option).toLongLong());
    };
    if (parser.isSet(frame_option)) {
        // A project's video opens after the project: the frame is shown once it is open.
        const qint64 frame = parser.value(frame_option).toLongLong();
        QObject::connect(window.videoPanel(), &likeness::ui::VideoPanel::opened, &window,
                         [&window, frame] { window.clock()->seek(frame); });
    }
    QObject::connect(&window, &MainWindow::faceModelShown, &window, set_up_view);
    QObject::connect(&window, &MainWindow::takeOpened, &window, set_up_view);
    QObject::connect(&window, &MainWindow::fitShown, &window, set_up_view);
    QObject::connect(&window, &MainWindow::projectOpened, &window, set_up_view);
    if (parser.isSet(screenshot_option)) {
        // Grab from the screen, not the widget: the Qt3D viewport is a native GL window.
        QTimer::singleShot(parser.value(delay_option).toInt(), &window, [&] {
            const QPixmap shot = window.screen()->grabWindow(0, window.x(), window.y(),
                                                             window.frameGeometry().width(),
                                                             window.frameGeometry().height());
            const bool saved = shot.save(parser.value(screenshot_option));
            QApplication::exit(saved ? 0 : 2);
        });
    }
    return app.exec();
}
