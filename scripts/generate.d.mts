export declare function currentAnswerTypes(): string;
export declare function docsWithTable(docs: string): string;
export declare function flagOf(id: string): string;
export declare const typesPath: string;
export declare const docsPath: string;
