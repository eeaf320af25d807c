namespace NewsPortal.Evaluation.Corpus;

/// <summary>One labelled source of the corpus, in its upstream repository layout.</summary>
public interface ICorpusSource
{
    /// <summary>Short name shown in the table.</summary>
    string Name { get; }

    /// <summary>The folder under the corpus root, <c>owner__repo</c>.</summary>
    string Folder { get; }

    /// <summary>Labels that were not checked by hand (GNE's own output): shown as SILVER, kept out of the gold total.</summary>
    bool Silver { get; }

    IEnumerable<LabelledPage> Load(string folder);
}
