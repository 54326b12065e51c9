#include "app/GradientTraining.h"

#include "app/GradientCommand.h"
#include "models/encoders/IdxReader.h"
#include "sim/Random.h"
#include "widgets/AccuracyView.h"
#include "widgets/ReceptiveFieldView.h"

#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTimer>
#include <QVBoxLayout>

#include <deque>

namespace ss::app {

namespace {

QSpinBox* spin(int lo, int hi, int value)
{
    auto* box = new QSpinBox;
    box->setRange(lo, hi);
    box->setValue(value);
    return box;
}

// Training accuracy over the last batches, so that the curve shows learning rather than batch noise.
constexpr std::size_t kAccuracyWindow = 10;
// Hidden weights are copied for the fields view every this many batches (and after each epoch).
constexpr int kSnapshotEvery = 10;

} // namespace

GradientTrainingWindow::GradientTrainingWindow(QWidget* parent)
    : QWidget(parent, Qt::Window), m_data(new QLineEdit), m_train(spin(1, 10'000'000, 8000)),
      m_test(spin(1, 10'000'000, 2000)), m_hidden(spin(1, 10000, 100)), m_epochs(spin(1, 10000, 5)),
      m_batch(spin(1, 100000, 64)), m_seed(spin(0, 1'000'000'000, 1)), m_rate(new QDoubleSpinBox),
      m_start(new QPushButton(tr("Start"))), m_stop(new QPushButton(tr("Stop"))), m_status(new QLabel),
      m_curves(new widgets::AccuracyView), m_fields(new widgets::ReceptiveFieldView), m_timer(new QTimer(this))
{
    setWindowTitle(tr("Surrogate-gradient training"));
    m_rate->setDecimals(5);
    m_rate->setRange(1e-5, 1.0);
    m_rate->setSingleStep(1e-4);
    m_data->setToolTip(tr("Folder with train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and "
                          "t10k-labels-idx1-ubyte (raw or .gz); ${DATA} is the set-up's data folder"));
    auto* form = new QFormLayout;
    form->addRow(tr("Data"), m_data);
    form->addRow(tr("Training samples"), m_train);
    form->addRow(tr("Test samples"), m_test);
    form->addRow(tr("Hidden LIF neurons"), m_hidden);
    form->addRow(tr("Epochs"), m_epochs);
    form->addRow(tr("Batch"), m_batch);
    form->addRow(tr("Learning rate (Adam)"), m_rate);
    form->addRow(tr("Seed"), m_seed);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_start);
    buttons->addWidget(m_stop);
    auto* help = new QLabel(tr("784 latency-coded inputs (100 steps of 1 ms) -> LIF hidden layer -> leaky readout "
                               "of 10 classes, trained by backpropagation through time with a fast-sigmoid "
                               "surrogate gradient (Neftci, Mostafa & Zenke 2019; Zenke & Ganguli 2018)."));
    help->setWordWrap(true);
    auto* side = new QVBoxLayout;
    side->addLayout(form);
    side->addLayout(buttons);
    side->addWidget(m_status);
    side->addWidget(help);
    side->addStretch();
    auto* settingsPanel = new QWidget;
    settingsPanel->setLayout(side);
    auto* views = new QSplitter(Qt::Vertical);
    views->addWidget(m_curves);
    views->addWidget(m_fields);
    views->setStretchFactor(0, 3);
    views->setStretchFactor(1, 2);
    m_curves->setMinimumHeight(300);
    auto* layout = new QHBoxLayout(this);
    layout->addWidget(settingsPanel);
    layout->addWidget(views, 1);
    m_curves->setTitle(tr("loss and accuracy"));
    m_curves->setClasses(10);
    m_fields->setTitle(tr("input weights of the hidden neurons"));
    m_stop->setEnabled(false);
    setSettings(Settings{});
    resize(1100, 720);

    connect(m_start, &QPushButton::clicked, this, &GradientTrainingWindow::start);
    connect(m_stop, &QPushButton::clicked, this, &GradientTrainingWindow::stop);
    connect(m_timer, &QTimer::timeout, this, &GradientTrainingWindow::drain);
}

GradientTrainingWindow::~GradientTrainingWindow()
{
    m_stopping = true;
    join();
}

void GradientTrainingWindow::setSettings(const Settings& s)
{
    m_data->setText(s.data);
    m_train->setValue(s.train);
    m_test->setValue(s.test);
    m_hidden->setValue(s.hidden);
    m_epochs->setValue(s.epochs);
    m_batch->setValue(s.batch);
    m_rate->setValue(s.learningRate);
    m_seed->setValue(s.seed);
}

GradientTrainingWindow::Settings GradientTrainingWindow::settings() const
{
    return {m_data->text(), m_train->value(), m_test->value(), m_hidden->value(), m_epochs->value(),
            m_batch->value(), m_rate->value(), m_seed->value()};
}

QString GradientTrainingWindow::status() const { return m_status->text(); }

void GradientTrainingWindow::join()
{
    if (m_worker.joinable()) m_worker.join();
}

void GradientTrainingWindow::start()
{
    if (running()) return;
    join();
    m_stopping = false;
    m_done = false;
    m_net.reset();
    {
        std::lock_guard lock(m_mutex);
        for (auto* v : {&m_lossX, &m_loss, &m_trainX, &m_trainAcc, &m_testX, &m_testAcc}) v->clear();
        m_weights.clear();
        m_message = tr("loading the samples");
    }
    m_shownPoints = 0;
    m_curves->clear();
    m_start->setEnabled(false);
    m_stop->setEnabled(true);
    m_worker = std::thread([this, s = settings()] { train(s); });
    m_timer->start(33);
}

void GradientTrainingWindow::stop() { m_stopping = true; }

void GradientTrainingWindow::train(Settings s)
{
    sim::train::SurrogateConfig config;
    config.hidden = s.hidden;
    config.learningRate = s.learningRate;
    config.seed = static_cast<std::uint64_t>(s.seed);
    auto finish = [&](const QString& message) {
        std::lock_guard lock(m_mutex);
        m_message = message;
        m_done = true;
    };
    std::vector<sim::train::SpikeSample> train, test;
    try {
        const QString dir = QString::fromStdString(models::expandDataPath(s.data.toStdString()));
        train = loadLatencySamples(dir, QStringLiteral("train"), s.train, config);
        test = loadLatencySamples(dir, QStringLiteral("t10k"), s.test, config);
    } catch (const std::exception& e) {
        finish(tr("error: %1").arg(QString::fromUtf8(e.what())));
        return;
    }
    m_net = std::make_unique<sim::train::SurrogateNetwork>(config);
    sim::Rng rng(config.seed, 0x600000000ull); // as spikestudio train-gradient
    auto snapshot = [&] {
        const auto& w = m_net->w1(); // inputs x hidden
        std::vector<float> fields(static_cast<std::size_t>(w.size()));
        for (Eigen::Index j = 0; j < w.cols(); ++j)
            for (Eigen::Index i = 0; i < w.rows(); ++i) fields[static_cast<std::size_t>(j * w.rows() + i)] = static_cast<float>(w(i, j));
        std::lock_guard lock(m_mutex);
        m_weights = std::move(fields);
        ++m_weightsVersion;
    };
    std::deque<std::pair<int, int>> recent; // correct, count of the last batches
    int batches = 0;
    double lastTest = 0.0;
    for (int epoch = 0; epoch < s.epochs && !m_stopping; ++epoch) {
        const double offset = static_cast<double>(epoch) * static_cast<double>(train.size());
        sim::train::trainEpoch(*m_net, train, s.batch, rng, [&](const sim::train::BatchResult& r, std::size_t done) {
            recent.emplace_back(r.correct, r.count);
            if (recent.size() > kAccuracyWindow) recent.pop_front();
            int correct = 0, count = 0;
            for (const auto& [c, n] : recent) correct += c, count += n;
            {
                std::lock_guard lock(m_mutex);
                m_lossX.push_back(offset + static_cast<double>(done));
                m_loss.push_back(r.loss);
                m_trainX.push_back(offset + static_cast<double>(done));
                m_trainAcc.push_back(100.0 * correct / std::max(1, count));
                m_message = tr("epoch %1 of %2: %3 of %4 samples, loss %5")
                                .arg(epoch + 1).arg(s.epochs).arg(done).arg(train.size()).arg(r.loss, 0, 'f', 3);
            }
            if (++batches % kSnapshotEvery == 0) snapshot();
            return !m_stopping.load();
        });
        snapshot();
        if (m_stopping) break;
        const auto result = m_net->evaluate(test);
        lastTest = 100.0 * result.correct / std::max(1, result.count);
        std::lock_guard lock(m_mutex);
        m_testX.push_back(offset + static_cast<double>(train.size()));
        m_testAcc.push_back(lastTest);
    }
    finish(m_stopping ? tr("stopped") : tr("done: test accuracy %1 % on %2 samples").arg(lastTest, 0, 'f', 2).arg(test.size()));
}

void GradientTrainingWindow::drain()
{
    std::vector<float> weights;
    QString message;
    bool done = false;
    {
        std::lock_guard lock(m_mutex);
        // Read with the message, under the lock that finish() holds to set both: a run that ends
        // between the two reads must not leave the last batch's message on screen.
        done = m_done.load();
        if (m_loss.size() != m_shownPoints || !m_testAcc.empty()) {
            m_curves->setLoss(m_lossX, m_loss);
            m_curves->setCurve(tr("training (last %1 batches)").arg(kAccuracyWindow), m_trainX, m_trainAcc);
            if (!m_testAcc.empty()) m_curves->setCurve(tr("test"), m_testX, m_testAcc);
            m_shownPoints = m_loss.size();
        }
        if (m_weightsVersion != m_shownVersion) {
            weights = m_weights;
            m_shownVersion = m_weightsVersion;
        }
        message = m_message;
    }
    if (!weights.empty()) m_fields->setFields(weights, static_cast<int>(weights.size() / 784), 1, 28, 28);
    m_status->setText(message);
    if (done) {
        m_timer->stop();
        join();
        m_start->setEnabled(true);
        m_stop->setEnabled(false);
        emit finished(message);
    }
}

} // namespace ss::app
